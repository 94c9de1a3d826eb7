/**
 * The tabs `npm start` opens in its visible browser: the demo's list of sites first, then an insecure
 * and a hardened demo site, each audited from its first response.
 */
import type { BrowserContext } from 'playwright-core';
import type { demoUrls } from '../demo/hosts.ts';
import { writeErr } from './output.ts';

interface Browser {
  context: BrowserContext;
  extensionId: string | null;
}

/** Reads, in the extension's worker, whether its network listeners are registered. */
async function listening(browser: Browser): Promise<boolean> {
  const worker = browser.context
    .serviceWorkers()
    .find((w) => browser.extensionId !== null && w.url().includes(browser.extensionId));
  if (!worker) return false;
  return worker
    .evaluate(() =>
      (
        globalThis as unknown as {
          chrome: { webRequest: { onHeadersReceived: { hasListeners(): boolean } } };
        }
      ).chrome.webRequest.onHeadersReceived.hasListeners(),
    )
    .catch(() => false);
}

/**
 * With access to chosen sites only, the extension listens to the network only while a tab shows one
 * of them, so a first demo page opened in an empty browser would ask for a reload. The demo's list of
 * sites (a granted host that sets no cookie) stays open in the first tab and keeps the listeners on.
 */
export async function openDemoTabs(browser: Browser, urls: ReturnType<typeof demoUrls>): Promise<void> {
  // The browser's first, empty tab becomes the list; any other open page is left as it is.
  const blank = browser.context.pages().find((p) => p.url() === 'about:blank');
  const hub = blank ?? (await browser.context.newPage());
  await hub.goto(urls.hub);
  const deadline = Date.now() + 10_000;
  while (!(await listening(browser))) {
    if (Date.now() > deadline) {
      writeErr('npm start: the extension did not start listening; reload a demo page to audit it.');
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const url of [urls.insecure, urls.hardened]) {
    const page = await browser.context.newPage();
    await page.goto(url);
  }
}
