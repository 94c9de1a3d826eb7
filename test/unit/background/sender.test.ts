/** Only the extension's own pages may ask the background anything. */
import { describe, expect, it } from 'vitest';
import { isOwnPage, senderStore } from '../../../src/background/sender.ts';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;

describe('message senders', () => {
  it('accepts the popup, the options page and the report page', () => {
    expect(isOwnPage({ id: ID, url: `${ORIGIN}src/popup/index.html?tabId=3` }, ID, ORIGIN)).toBe(true);
    expect(isOwnPage({ id: ID, url: `${ORIGIN}src/report/index.html`, tab: {} }, ID, ORIGIN)).toBe(true);
  });

  it('refuses a content script (our id, a web page URL), a web page and another extension', () => {
    expect(isOwnPage({ id: ID, url: 'https://evil.example/', tab: {} }, ID, ORIGIN)).toBe(false);
    expect(isOwnPage({ id: ID, url: `https://evil.example/${ORIGIN}` }, ID, ORIGIN)).toBe(false);
    expect(isOwnPage({ url: 'https://evil.example/' }, ID, ORIGIN)).toBe(false);
    expect(isOwnPage({ id: 'otherextension', url: `chrome-extension://otherextension/x` }, ID, ORIGIN)).toBe(
      false,
    );
    expect(isOwnPage({ id: ID }, ID, ORIGIN)).toBe(false);
  });

  it('tells the asking page’s cookie store', () => {
    expect(senderStore({ tab: { cookieStoreId: 'firefox-container-2' } })).toBe('firefox-container-2');
    expect(senderStore({ tab: { incognito: true } })).toBe('firefox-private');
    expect(senderStore({})).toBeUndefined();
  });
});
