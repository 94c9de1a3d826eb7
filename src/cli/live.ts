/**
 * A live audit: the built extension in real Chromium or Firefox, with the ways in, discovery,
 * parallel tabs and shards of reach-run.ts. With no URL, no login and no URL source, the bundled
 * demo site is started and audited.
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ReportWithWarnings } from '../core/index.ts';
import { DEMO_HOSTS, startDemoSite } from '../demo/server.ts';
import { assertBuilt } from './chromium.ts';
import { type AuditDriver, openDriver } from './drivers.ts';
import type { CliOptions } from './options.ts';
import { addSecrets, writeErr } from './output.ts';
import { DIST_FIREFOX, packageVersion } from './paths.ts';
import { runLiveAudit } from './reach-run.ts';
import { checkRedirectFromNode } from './redirect-check.ts';

/** The popup pictured on the first URL's page (tabs finish in any order: not the first to finish). */
const screenshotOf = (firstUrl: string) => (driver: AuditDriver) => {
  return async (visit: { url: string; finalUrl: string; tabId: number }): Promise<void> => {
    if (visit.url !== firstUrl) return;
    const shot = path.join(tmpdir(), 'cookie-audit-popup.png');
    await driver.screenshotPopup(visit.tabId, shot);
    writeErr(`Screenshot of the popup for ${visit.finalUrl}: ${shot}`);
  };
};

export async function auditLive(options: CliOptions): Promise<ReportWithWarnings> {
  assertBuilt(options.browser === 'firefox' ? DIST_FIREFOX : undefined);
  const { reach } = options;
  const noTarget =
    options.urls.length === 0 &&
    !options.login &&
    !reach.loginScript &&
    reach.urlsFiles.length === 0 &&
    reach.sitemaps.length === 0;
  if (options.login) addSecrets([options.login.password]);
  const demo = noTarget ? await startDemoSite() : null;
  try {
    const loopbackHosts = demo
      ? Object.values(DEMO_HOSTS)
      : options.loopbackHosts.length > 0
        ? options.loopbackHosts
        : undefined;
    return await runLiveAudit({
      urls: demo ? [demo.urls.insecure, demo.urls.hardenedHttp] : options.urls,
      browser: options.browser,
      driverOptions: {
        insecure: options.insecure || !!demo,
        ...(options.noSandbox ? { noSandbox: true } : {}),
        ...(reach.quiet ? { quiet: true } : {}),
        loopbackHosts,
      },
      settings: options.settings,
      ...(options.login ? { login: options.login } : {}),
      reach,
      version: packageVersion(),
      openDriver,
      checkRedirect: (target) => checkRedirectFromNode(target, { loopbackHosts }),
      // The demo audit also pictures the popup on its first (insecure) page, as `npm start` does.
      ...(demo ? { afterVisit: screenshotOf(demo.urls.insecure) } : {}),
    });
  } finally {
    await demo?.close();
  }
}
