/**
 * Host access is the user's choice (optional_host_permissions): every site, or only the sites they
 * grant. The browser already withholds events of other sites; this mirror of the granted match
 * patterns is the second lock, so that nothing of a site without access is ever recorded (an
 * activeTab grant, for instance, shows a tab's URL but is not a choice to audit the site).
 */
import { browser } from '../platform/browser.ts';
import { HostAccess } from './host-patterns.ts';

export { HostAccess } from './host-patterns.ts';

/** Storage.local key of the first-run choice ('all' | 'chosen'). */
export const ACCESS_CHOICE_KEY = 'cookieAuditAccessChoice';

export const hostAccess = new HostAccess();

/** Reads the granted origins into the mirror. */
export async function loadHostAccess(): Promise<void> {
  const all = await browser.permissions.getAll();
  hostAccess.set(all.origins ?? []);
}

/**
 * Keeps the mirror current and calls `onRevoked` with the patterns taken away (their sites' records
 * are then forgotten). Registered synchronously at start like every other listener.
 */
export function watchHostAccess(onChange: (removed: string[]) => void): void {
  browser.permissions.onAdded.addListener(() => {
    void loadHostAccess().then(() => onChange([]));
  });
  browser.permissions.onRemoved.addListener((removed) => {
    void loadHostAccess().then(() => onChange(removed.origins ?? []));
  });
}

/** First run: let the user choose how much to audit, unless access is already settled. */
export function offerChoiceOnInstall(pagePath: string): void {
  browser.runtime.onInstalled.addListener((details) => {
    if (details.reason !== 'install') return;
    void (async () => {
      const [{ origins = [] }, stored] = await Promise.all([
        browser.permissions.getAll(),
        browser.storage.local.get(ACCESS_CHOICE_KEY),
      ]);
      if (origins.length > 0 || stored[ACCESS_CHOICE_KEY]) return;
      await browser.tabs.create({ url: browser.runtime.getURL(pagePath) });
    })().catch(() => undefined);
  });
}
