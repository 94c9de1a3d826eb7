/**
 * How the CLI and `npm start` launch Chromium: `npm start`'s browser trusts the demo certificate's
 * key only (--ignore-certificate-errors-spki-list), not every invalid certificate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../src/cli/chromium.ts';
import { demoCertificateSpki } from '../../src/demo/cert.ts';
import { type DemoSite, HOST_RESOLVER_RULES, startDemoSite } from '../../src/demo/server.ts';

let demo: DemoSite;
beforeAll(async () => {
  demo = await startDemoSite();
});
afterAll(async () => {
  await demo?.close();
});

async function open(trustedSpki: string[]): Promise<string> {
  const browser = await launchChromium({
    trustedSpki,
    hostResolverRules: HOST_RESOLVER_RULES,
    withExtension: false,
  });
  try {
    const page = await browser.context.newPage();
    return await page.goto(demo.urls.hardened).then(
      (response) => `loaded ${response?.status()}`,
      (error: Error) => (/ERR_CERT_[A-Z_]+/.exec(error.message) ?? ['failed'])[0],
    );
  } finally {
    await browser.close();
  }
}

describe('certificate trust of the browser npm start opens', () => {
  it('accepts the demo certificate by its key and refuses a certificate with another key', async () => {
    expect(await open([await demoCertificateSpki()])).toBe('loaded 200');
    expect(await open(['AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='])).toMatch(/^ERR_CERT_/);
  }, 120_000);
});
