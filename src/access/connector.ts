/** Host access through the permissions API; the choice itself is kept in storage.local. */
import { ACCESS_CHOICE_KEY } from '../background/access.ts';
import { browser } from '../platform/browser.ts';
import type { AccessActions, AccessChoice, AccessState } from './types.ts';

export const EVERY_SITE = ['<all_urls>'];

/** The match pattern that grants one origin (host access in browsers is per host, any port). */
export function originPattern(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

export class AccessConnector implements AccessActions {
  async getAccess(): Promise<AccessState> {
    const [{ origins = [] }, stored] = await Promise.all([
      browser.permissions.getAll(),
      browser.storage.local.get(ACCESS_CHOICE_KEY),
    ]);
    const everySite = origins.some((o) => o === '<all_urls>' || o === '*://*/*');
    const raw = stored[ACCESS_CHOICE_KEY];
    const choice: AccessChoice | null = raw === 'all' || raw === 'chosen' ? raw : null;
    return { choice, everySite, sites: origins.filter((o) => o !== '<all_urls>' && o !== '*://*/*') };
  }

  async chooseEverySite(): Promise<boolean> {
    // The request comes first, in the click's turn: an await before it would lose the user gesture.
    const granted = await browser.permissions.request({ origins: EVERY_SITE });
    if (granted) await browser.storage.local.set({ [ACCESS_CHOICE_KEY]: 'all' });
    return granted;
  }

  async chooseSitesOnly(): Promise<void> {
    await browser.storage.local.set({ [ACCESS_CHOICE_KEY]: 'chosen' });
    await browser.permissions.remove({ origins: EVERY_SITE }).catch(() => false);
  }

  requestSite(origin: string): Promise<boolean> {
    return browser.permissions.request({ origins: [originPattern(origin)] });
  }

  async removeSite(pattern: string): Promise<void> {
    await browser.permissions.remove({ origins: [pattern] });
  }
}
