import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../../helpers/site.ts';

const RULE = 'session-missing-httponly';

describe(RULE, () => {
  it('flags a session cookie readable by JavaScript', () => {
    const f = findingsOf(RULE, ['PHPSESSID=q1w2e3r4t5y6u7i8o9p0a1s2d3; path=/; secure']);
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('high');
  });

  it('sees HttpOnly in any letter case and position (Observatory #513)', () => {
    expect(
      findingsOf(RULE, ['ASPSESSIONIDQQGDTRSA=ABCDEFGHIJKLMNOPQRSTUVWX; secure; path=/; HttpOnly']),
    ).toEqual([]);
    expect(findingsOf(RULE, ['ASPSESSIONIDQQGDTRSA=ABCDEFGHIJKLMNOPQRSTUVWX; HTTPONLY'])).toEqual([]);
  });

  it('never flags a CSRF cookie left readable on purpose (Django, Laravel, Spring, double submit)', () => {
    const lines = [
      'csrftoken=AbCdEfGhIjKlMnOpQrStUvWxYz012345; Path=/; SameSite=Lax; Secure',
      'XSRF-TOKEN=eyJpdiI6IkFBQUFBQUFBQUFBQUFBQUFBQUFBQUE9PSJ9; Path=/; Secure; SameSite=Lax',
    ];
    expect(findingsOf(RULE, lines)).toEqual([]);
    expect(findingsOf('cookie-missing-httponly', lines)).toEqual([]);
  });

  it('ignores the deletion of a session cookie without HttpOnly (ZAP #5295)', () => {
    expect(findingsOf(RULE, ['JSESSIONID=; Max-Age=0; Path=/'])).toEqual([]);
  });
});
