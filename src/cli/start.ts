/**
 * `npm start`: the main job. Builds the extension if needed, starts the demo staging site and opens
 * Chromium with the extension on it. Without a display (or with --headless) it audits the demo pages
 * headlessly, prints the report and saves a PNG of the popup.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { formatText } from '../core/index.ts';
import { demoCertificateSpki } from '../demo/cert.ts';
import { DEMO_HOSTS, HOST_RESOLVER_RULES, startDemoSite } from '../demo/server.ts';
import { auditUrls } from './audit.ts';
import { findChromium, launchChromium } from './chromium.ts';
import { openDriver } from './drivers.ts';
import { UsageError } from './errors.ts';
import { writeErr, writeOut, writeOutLine } from './output.ts';
import { DIST, packageVersion, ROOT } from './paths.ts';
import { openDemoTabs } from './start-tabs.ts';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Rebuild when dist/ is missing or older than any source it is built from. */
function buildIfNeeded(): void {
  const builtManifest = path.join(DIST, 'manifest.json');
  const sourcesTime = Math.max(
    newestMtime(path.join(ROOT, 'src')),
    newestMtime(path.join(ROOT, 'public')),
    statSync(path.join(ROOT, 'manifest.json')).mtimeMs,
  );
  if (existsSync(builtManifest) && statSync(builtManifest).mtimeMs >= sourcesTime) return;
  writeOutLine('Building the extension (npm run build)…');
  const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('The build failed');
}

async function main(): Promise<void> {
  const headless = process.argv.includes('--headless') || !process.env.DISPLAY;
  findChromium(); // fail early, with the apt-get hint, before building anything
  buildIfNeeded();
  const demo = await startDemoSite(
    headless
      ? {}
      : {
          httpPort: Number(process.env.DEMO_HTTP_PORT ?? 8080),
          httpsPort: Number(process.env.DEMO_HTTPS_PORT ?? 8443),
        },
  );
  writeOutLine(`Demo staging site: ${demo.urls.insecure} (insecure) and ${demo.urls.hardened} (hardened)`);

  if (!headless) {
    // The visible browser trusts the demo site's own certificate only, not every invalid one.
    const browser = await launchChromium({
      headless: false,
      trustedSpki: [await demoCertificateSpki()],
      hostResolverRules: HOST_RESOLVER_RULES,
      // The demo's sites only: every other site you open stays unobserved (and costs nothing).
      hostAccess: ['*://*.staging.test/*', '*://*.thirdparty.test/*'],
    });
    await openDemoTabs(browser, demo.urls);
    writeOutLine(
      'Chromium is open with Cookie Audit loaded: click its toolbar icon (pin it from the puzzle menu).',
    );
    writeOutLine('Close the browser window or press Ctrl+C to stop.');
    await new Promise<void>((resolve) => {
      browser.context.on('close', () => resolve());
      process.once('SIGINT', () => resolve());
    });
    await browser.close();
    await demo.close();
    return;
  }

  writeOutLine('No display: auditing the demo site headlessly.');
  const driver = await openDriver('chromium', { insecure: true, loopbackHosts: Object.values(DEMO_HOSTS) });
  try {
    const shot = path.join(tmpdir(), 'cookie-audit-popup.png');
    let shotOf = '';
    const { report } = await auditUrls(driver, [demo.urls.insecure, demo.urls.hardenedHttp], {
      // The work tab moves on to the next page: the popup is pictured while it still shows the first.
      afterVisit: async (visit, index) => {
        if (index !== 0) return;
        await driver.screenshotPopup(visit.tabId, shot);
        shotOf = visit.finalUrl;
      },
    });
    report.generator.version = packageVersion();
    writeOut(formatText(report));
    writeOutLine(`\nScreenshot of the popup for ${shotOf}: ${shot}`);
  } finally {
    await driver.close();
    await demo.close();
  }
}

main().catch((error: unknown) => {
  writeErr(`npm start: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
});
