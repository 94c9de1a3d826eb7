/**
 * A live audit: the built extension in real Chromium or Firefox, with the ways in, discovery,
 * parallel tabs and shards of reach-run.ts. With no URL, no login and no URL source, the bundled
 * demo site is started and audited.
 */
import type { ReportWithWarnings } from '../core/index.ts';
import { DEMO_HOSTS, startDemoSite } from '../demo/server.ts';
import { assertBuilt } from './chromium.ts';
import { openDriver } from './drivers.ts';
import type { CliOptions } from './options.ts';
import { addSecrets } from './output.ts';
import { DIST_FIREFOX, packageVersion } from './paths.ts';
import { runLiveAudit } from './reach-run.ts';

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
    return await runLiveAudit({
      urls: demo ? [demo.urls.insecure, demo.urls.hardenedHttp] : options.urls,
      browser: options.browser,
      driverOptions: {
        insecure: options.insecure || !!demo,
        ...(options.noSandbox ? { noSandbox: true } : {}),
        loopbackHosts: demo
          ? Object.values(DEMO_HOSTS)
          : options.loopbackHosts.length > 0
            ? options.loopbackHosts
            : undefined,
      },
      settings: options.settings,
      ...(options.login ? { login: options.login } : {}),
      reach,
      version: packageVersion(),
      openDriver,
    });
  } finally {
    await demo?.close();
  }
}
