/**
 * `cookie-audit [URL ...]`: audits URLs in real headless Chromium with the extension loaded (or the
 * bundled demo site when no URL is given) and prints the extension's report.
 * Exit codes: 0 success, 2 usage or navigation error (one line on stderr).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatText } from '../core/index.ts';
import type { CookieAuditReport } from '../core/types.ts';
import { DEMO_HOSTS, startDemoSite } from '../demo/server.ts';
import { auditUrls } from './audit.ts';
import { assertBuilt, ROOT, UsageError } from './chromium.ts';
import { type BrowserKind, openDriver } from './drivers.ts';
import { DIST_FIREFOX } from './firefox.ts';

const HELP = `Usage: cookie-audit [options] [URL ...]

Audits the cookies of each URL in headless Chromium with the Cookie Audit extension
(build it first with \`npm run build\`). With no URL, audits the bundled demo staging site.

Options:
  --format text|json   output format (default: text)
  --out FILE           write the report to FILE instead of standard output
  --insecure           accept self-signed certificates (staging hosts)
  --browser NAME       chromium (default) or firefox
  -h, --help           show this help

Exit codes: 0 success, 2 usage or navigation error.`;

export type Format = 'text' | 'json';

export function packageVersion(): string {
  return (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

export function render(report: CookieAuditReport, format: Format): string {
  return format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatText(report);
}

interface CliOptions {
  urls: string[];
  format: Format;
  out?: string;
  insecure: boolean;
  browser: BrowserKind;
}

export function parseCli(argv: string[]): CliOptions | 'help' {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        out: { type: 'string' },
        insecure: { type: 'boolean', default: false },
        browser: { type: 'string', default: 'chromium' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const format = values.format as string;
  if (format !== 'text' && format !== 'json')
    throw new UsageError(`Unknown --format "${format}" (use text or json)`);
  const browser = values.browser as string;
  if (browser !== 'chromium' && browser !== 'firefox') {
    throw new UsageError(`Unknown --browser "${browser}" (use chromium or firefox)`);
  }
  for (const url of positionals) {
    let parsedUrl: URL;
    try {
      parsedUrl = new URL(url);
    } catch {
      throw new UsageError(`Not a URL: ${url} (give a full http:// or https:// URL)`);
    }
    if (parsedUrl.protocol !== 'http:' && parsedUrl.protocol !== 'https:') {
      throw new UsageError(`Only http:// and https:// URLs can be audited: ${url}`);
    }
  }
  return {
    urls: positionals,
    format,
    out: values.out as string | undefined,
    insecure: values.insecure as boolean,
    browser,
  };
}

export async function run(argv: string[]): Promise<number> {
  const options = parseCli(argv);
  if (options === 'help') {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  assertBuilt(options.browser === 'firefox' ? DIST_FIREFOX : undefined);
  const demo = options.urls.length === 0 ? await startDemoSite() : null;
  try {
    const urls = demo ? [demo.urls.insecure, demo.urls.hardenedHttp] : options.urls;
    const driver = await openDriver(options.browser, {
      insecure: options.insecure || !!demo,
      loopbackHosts: demo ? Object.values(DEMO_HOSTS) : undefined,
    });
    try {
      const { report } = await auditUrls(driver, urls, {
        onProgress: (m) => process.stderr.write(`${m}\n`),
      });
      report.generator.version = packageVersion();
      const text = render(report, options.format);
      if (options.out) writeFileSync(options.out, text);
      else process.stdout.write(text);
      return 0;
    } finally {
      await driver.close();
    }
  } finally {
    await demo?.close();
  }
}

export async function main(argv: string[]): Promise<void> {
  try {
    process.exitCode = await run(argv);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`cookie-audit: ${message.split('\n')[0]}\n`);
    // 1 is reserved for "findings at or above --fail-on"; every failure to audit is 2.
    process.exitCode = 2;
  }
}
