/**
 * A live audit: the built extension in real Chromium or Firefox, the settings sent first, an
 * optional login, then each URL in order in one profile. With no URL and no login, the bundled demo
 * site is started and audited.
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ReportWithWarnings } from '../core/index.ts';
import { DEMO_HOSTS, startDemoSite } from '../demo/server.ts';
import { auditUrls } from './audit.ts';
import { assertBuilt } from './chromium.ts';
import { type AuditDriver, openDriver } from './drivers.ts';
import type { CliOptions } from './options.ts';
import { addSecrets, writeErr } from './output.ts';
import { DIST_FIREFOX, packageVersion } from './paths.ts';
import { checkRedirectFromNode } from './redirect-check.ts';

function screenshotFirstPage(driver: AuditDriver) {
  return async (visit: { finalUrl: string; tabId: number }, index: number): Promise<void> => {
    if (index !== 0) return;
    const shot = path.join(tmpdir(), 'cookie-audit-popup.png');
    await driver.screenshotPopup(visit.tabId, shot);
    writeErr(`Screenshot of the popup for ${visit.finalUrl}: ${shot}`);
  };
}

export async function auditLive(options: CliOptions): Promise<ReportWithWarnings> {
  assertBuilt(options.browser === 'firefox' ? DIST_FIREFOX : undefined);
  const demo = options.urls.length === 0 && !options.login ? await startDemoSite() : null;
  try {
    const loopbackHosts = demo
      ? Object.values(DEMO_HOSTS)
      : options.loopbackHosts.length > 0
        ? options.loopbackHosts
        : undefined;
    const driver = await openDriver(options.browser, {
      insecure: options.insecure || !!demo,
      ...(options.noSandbox ? { noSandbox: true } : {}),
      loopbackHosts,
    });
    try {
      // The settings (--config, --ignore) are in force in the extension before the first visit.
      await driver.ask({ type: 'set-settings', settings: options.settings });
      let urls = demo ? [demo.urls.insecure, demo.urls.hardenedHttp] : options.urls;
      if (options.login) {
        addSecrets([options.login.password]);
        writeErr(`Logging in at ${options.login.url}`);
        const result = await driver.login(options.login.url, options.login.user, options.login.password);
        writeErr(`Logged in: now at ${result.finalUrl}`);
        if (urls.length === 0) urls = [result.finalUrl];
      }
      const { report } = await auditUrls(driver, urls, {
        onProgress: writeErr,
        // The demo audit also pictures the popup on its first (insecure) page, as `npm start` does.
        ...(demo ? { afterVisit: screenshotFirstPage(driver) } : {}),
        checkRedirect: (target) => checkRedirectFromNode(target, { loopbackHosts }),
      });
      report.generator.version = packageVersion();
      return report;
    } finally {
      await driver.close();
    }
  } finally {
    await demo?.close();
  }
}
