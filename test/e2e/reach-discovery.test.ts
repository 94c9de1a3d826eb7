/**
 * Whole sites in real Chromium: the crawl (breadth-first, bounded, never another origin, never a
 * logout link), sitemaps (index, gzip, a broken child), URL files, parallel tabs with every cookie
 * kept with its own site, shards that merged give the same findings and grades as one run, and bad
 * input (unreachable hosts, TLS without --insecure, redirect loops, pages that never answer, not-XML
 * and gigantic sitemaps, 100,000 links) that gives a clear line and never a hang.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MergeableReport } from '../../src/cli/merge.ts';
import { DEMO_HOSTS, type DemoRequest, type DemoSite, startDemoSite } from '../../src/demo/server.ts';
import { reportSchemaErrors, runCli } from './harness.ts';

let demo: DemoSite;
let dir: string;
const requests: DemoRequest[] = [];
const HOSTS = ['--loopback-host', Object.values(DEMO_HOSTS).join(','), '--insecure'];
const cli = (args: string[], env: Record<string, string> = {}) => runCli([...HOSTS, ...args], env);
const json = (text: string) => JSON.parse(text) as MergeableReport;
/** stderr without the launcher's note that Chromium runs unsandboxed (as root, e.g. in CI). */
const stderrOf = (r: { stderr: string }) =>
  r.stderr
    .split('\n')
    .filter((line) => !line.startsWith('note: Chromium runs without its sandbox'))
    .join('\n')
    .trim();
/** Documents the site served (not its stylesheet or the browser's favicon request). */
const sitePages = (host: string = DEMO_HOSTS.site) =>
  requests
    .filter((q) => q.host === host && q.path !== '/style.css' && q.path !== '/favicon.ico')
    .map((q) => q.path);

/** Findings and grades per site, in a form two reports can be compared by. */
function verdicts(report: MergeableReport) {
  return Object.fromEntries(
    [...report.sites]
      .sort((a, b) => a.origin.localeCompare(b.origin))
      .map((s) => [
        s.origin,
        {
          grade: s.grade,
          score: s.score,
          site: s.findings.map((f) => `${f.rule}/${f.severity}`).sort(),
          cookies: s.cookies
            .flatMap((c) =>
              c.findings.map((f) => `${c.thirdParty ? '3p:' : ''}${c.name}:${f.rule}/${f.severity}`),
            )
            .sort(),
        },
      ]),
  );
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

beforeAll(async () => {
  demo = await startDemoSite({ onRequest: (r) => requests.push(r) });
  dir = mkdtempSync(path.join(tmpdir(), 'cookie-audit-discovery-'));
});

afterAll(async () => {
  await demo?.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  requests.length = 0;
});

describe('--crawl', () => {
  it('breadth-first within --max-pages, same origin only, logout links never followed; one line per page off a terminal', async () => {
    const r = await cli(['--crawl', '--max-pages', '9', '--format', 'json', demo.urls.site]);
    expect(r.status).toBe(0);
    const report = json(r.stdout);
    expect(await reportSchemaErrors(report)).toEqual([]);
    const paths = [...new Set(sitePages())];
    // The start page, then level by level: pages 1; 2, 3; 4–7; then 8 (9 pages in all).
    expect(paths.slice(0, 2)).toEqual(['/', '/page/1']);
    expect(new Set(paths.slice(2, 4))).toEqual(new Set(['/page/2', '/page/3']));
    expect(paths).toHaveLength(9);
    expect(paths.some((p) => /log-?out|sign-out/.test(p))).toBe(false);
    // The link to the widget host was not followed: only the audited origin is a site of the report.
    expect(requests.some((q) => q.host === DEMO_HOSTS.widgets)).toBe(false);
    expect(report.sites.map((s) => s.origin)).toEqual([new URL(demo.urls.site).origin]);
    // The session survived the crawl (no logout): the site's session cookie is still there.
    expect(report.sites[0].cookies.map((c) => c.name)).toContain('site_session');
    // Not a terminal: one line per page, and the summary line at the end.
    expect(
      r.stderr.match(/^\[\d+\/\d+\] http:\/\/site\.staging\.test:\d+\/\S* ok \d+\.\d s$/gm),
    ).toHaveLength(9);
    expect(r.stderr.trim().split('\n').at(-1)).toMatch(
      /^Audited 9 pages, 1 site \([A-F][+-]?\), findings: \d+ high, \d+ medium, \d+ low, \d+ info, \d+\.\d s$/,
    );
  });

  it('--max-depth, --include and --exclude shape the crawl; --quiet prints nothing', async () => {
    const r = await cli([
      '--crawl',
      '--max-depth',
      '2',
      '--exclude',
      '/page/3',
      '--quiet',
      '--format',
      'json',
      demo.urls.site,
    ]);
    expect(r.status).toBe(0);
    // Nothing at all: not even the note that Chromium runs unsandboxed (as root, e.g. in CI).
    expect(r.stderr.trim()).toBe('');
    expect(new Set(sitePages())).toEqual(new Set(['/', '/page/1', '/page/2']));
  });

  it('a page with 100,000 links: the crawl stays within --max-pages, and fast', async () => {
    const started = Date.now();
    const r = await cli([
      '--crawl',
      '--max-pages',
      '5',
      '--quiet',
      '--format',
      'json',
      `${demo.urls.site}links`,
    ]);
    expect(r.status).toBe(0);
    // Five pages (the start page and four of its links); "/" is the extension's HTTP→HTTPS check.
    expect(new Set(sitePages().filter((p) => p !== '/')).size).toBe(5);
    expect(Date.now() - started).toBeLessThan(60_000);
  });
});

describe('the sandbox note, with and without --quiet', () => {
  const NOTE = /^note: Chromium runs without its sandbox \((.+)\)$/m;
  const asRoot = process.getuid?.() === 0;

  it('is on stderr without --quiet, and in the report either way', async () => {
    const r = await cli(['--format', 'json', demo.urls.sitePage(1)]);
    expect(r.status).toBe(0);
    const report = json(r.stdout);
    expect(reportSchemaErrors(report)).toEqual([]);
    if (asRoot) {
      expect(r.stderr).toMatch(NOTE);
      expect(report.run).toEqual({
        browser: 'chromium',
        sandbox: { enabled: false, offBecause: 'running as root' },
      });
    } else {
      expect(r.stderr).not.toMatch(NOTE);
      expect(report.run).toEqual({ browser: 'chromium', sandbox: { enabled: true } });
    }
  });

  it('--quiet drops the line but the report keeps the fact (--no-sandbox: off for anyone)', async () => {
    const r = await cli(['--quiet', '--no-sandbox', '--format', 'json', demo.urls.sitePage(1)]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const report = json(r.stdout);
    expect(reportSchemaErrors(report)).toEqual([]);
    expect(report.run).toEqual({
      browser: 'chromium',
      sandbox: { enabled: false, offBecause: asRoot ? 'running as root' : '--no-sandbox given' },
    });
    // Without --quiet the same run says it on stderr.
    const loud = await cli(['--no-sandbox', '--format', 'json', demo.urls.sitePage(1)]);
    expect(loud.stderr.match(NOTE)?.[1]).toBe(asRoot ? 'running as root' : '--no-sandbox given');
  });

  it('merged shards keep how they ran', async () => {
    const a = path.join(dir, 'run-a.json');
    const b = path.join(dir, 'run-b.json');
    writeFileSync(a, (await cli(['--quiet', '--format', 'json', demo.urls.sitePage(2)])).stdout);
    writeFileSync(b, (await cli(['--quiet', '--format', 'json', demo.urls.sitePage(3)])).stdout);
    const merged = await runCli(['merge', a, b, '--format', 'json']);
    expect(merged.status).toBe(0);
    expect(json(merged.stdout).run).toEqual(json(readFileSync(a, 'utf8')).run);
    expect(json(merged.stdout).run?.browser).toBe('chromium');
  });
});

describe('--sitemap and --urls-file', () => {
  it('a sitemap index with a gzip child and a broken child: the pages of the good ones, a warning for the rest', async () => {
    const r = await cli(['--format', 'json', '--sitemap', demo.urls.siteSitemapIndex]);
    expect(r.status).toBe(0);
    const report = json(r.stdout);
    const audited = requests
      .filter((q) => q.host === DEMO_HOSTS.site && q.path.startsWith('/page/'))
      .map((q) => q.path);
    expect(new Set(audited)).toEqual(new Set([1, 2, 3, 4, 5, 6].map((n) => `/page/${n}`)));
    expect(report.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/sitemap-missing\.xml: HTTP 404$/),
        expect.stringMatching(
          /1 sitemap URL\(s\) on another origin than http:\/\/site\.staging\.test:\d+ were skipped/,
        ),
      ]),
    );
    expect(requests.some((q) => q.host === DEMO_HOSTS.widgets)).toBe(false);
  });

  it('a URL file with comments, and a sitemap file on disk, deduplicated', async () => {
    const list = path.join(dir, 'urls.txt');
    writeFileSync(
      list,
      `# staging pages\n${demo.urls.sitePage(1)}\n\n${demo.urls.sitePage(2)}  # the second\n`,
    );
    const map = path.join(dir, 'sitemap.xml');
    writeFileSync(
      map,
      `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${demo.urls.sitePage(2)}</loc></url><url><loc><![CDATA[${demo.urls.sitePage(7)}]]></loc></url></urlset>`,
    );
    const r = await cli(['--quiet', '--format', 'json', '--urls-file', list, '--sitemap', map]);
    expect(r.status).toBe(0);
    const audited = requests
      .filter((q) => q.host === DEMO_HOSTS.site && q.path.startsWith('/page/'))
      .map((q) => q.path);
    expect(audited.sort()).toEqual(['/page/1', '/page/2', '/page/7']);
  });

  it('not XML: exit 2 with one clear line', async () => {
    const r = await cli(['--sitemap', `${demo.urls.site}not-a-sitemap.xml`]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(
      `cookie-audit: --sitemap ${demo.urls.site}not-a-sitemap.xml is XML but not a sitemap (no <urlset> or <sitemapindex>)`,
    );
  });

  it('gigantic (60,000 URLs): exit 2 with one clear line, before any browser starts', async () => {
    const r = await cli(['--sitemap', `${demo.urls.site}huge-sitemap.xml`]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(
      `cookie-audit: --sitemap ${demo.urls.site}huge-sitemap.xml lists more than 50,000 URLs (the sitemap protocol's limit)`,
    );
  });

  it('a self-signed HTTPS sitemap without --insecure: one line that says to add it', async () => {
    const r = await runCli([
      '--loopback-host',
      DEMO_HOSTS.secure,
      '--sitemap',
      `${demo.urls.hardened}sitemap.xml`,
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(
      /^cookie-audit: Cannot fetch --sitemap \S+: TLS certificate not trusted \(.+\); add --insecure/,
    );
  });
});

describe('bad pages among good ones', () => {
  it('unreachable host, redirect loop and a page that never answers: warnings, the rest audited, exit 0', async () => {
    const dead = `http://127.0.0.1:${await closedPort()}/`;
    const r = await cli([
      '--timeout',
      '4',
      '--format',
      'json',
      demo.urls.sitePage(1),
      dead,
      `${demo.urls.site}loop`,
      `${demo.urls.site}never`,
      demo.urls.sitePage(2),
    ]);
    expect(r.status).toBe(0);
    const report = json(r.stdout);
    expect(report.warnings).toEqual(
      expect.arrayContaining([
        `${dead}: not audited: connection refused (is the host up?) (ERR_CONNECTION_REFUSED)`,
        `${demo.urls.site}loop: not audited: redirect loop (ERR_TOO_MANY_REDIRECTS)`,
        expect.stringMatching(new RegExp(`^${demo.urls.site}never: not audited: .*(time limit|--timeout)`)),
      ]),
    );
    expect(report.sites[0].cookies.map((c) => c.name)).toEqual(expect.arrayContaining(['pref_1', 'ab_2']));
    expect(r.stderr).toMatch(/^Audited 2 pages \(3 failed\), 1 site/m);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('nothing reachable: exit 2 and one line', async () => {
    const dead = `http://127.0.0.1:${await closedPort()}/`;
    const r = await cli(['--quiet', dead]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(stderrOf(r)).toBe(
      `cookie-audit: Could not open ${dead}: connection refused (is the host up?) (ERR_CONNECTION_REFUSED)`,
    );
  });

  it('TLS error without --insecure: one line that says to add it', async () => {
    const r = await runCli(['--quiet', '--loopback-host', DEMO_HOSTS.secure, demo.urls.hardened]);
    expect(r.status).toBe(2);
    expect(stderrOf(r)).toBe(
      `cookie-audit: Could not open ${demo.urls.hardened}: the TLS certificate is not trusted (a self-signed staging host? add --insecure) (ERR_CERT_AUTHORITY_INVALID)`,
    );
  });
});

describe('parallel tabs and shards', () => {
  const urls = () => [
    ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => demo.urls.sitePage(n)),
    demo.urls.insecure,
    demo.urls.legacyPrefs,
    demo.urls.hardened,
    demo.urls.noHsts,
  ];

  it('shard 1/3 + 2/3 + 3/3, merged, equal one unsharded run (findings and grades); 4 tabs keep each site apart', async () => {
    const list = path.join(dir, 'shard-urls.txt');
    writeFileSync(list, `${urls().join('\n')}\n`);
    const whole = path.join(dir, 'whole.json');
    const one = await cli([
      '--quiet',
      '--concurrency',
      '1',
      '--urls-file',
      list,
      '--format',
      'json',
      '--out',
      whole,
    ]);
    expect(one.status).toBe(0);
    const shards: string[] = [];
    for (const k of [1, 2, 3]) {
      const out = path.join(dir, `shard-${k}.json`);
      const r = await cli([
        '--quiet',
        '--concurrency',
        '4',
        '--urls-file',
        list,
        '--shard',
        `${k}/3`,
        '--format',
        'json',
        '--out',
        out,
      ]);
      expect(r.status).toBe(0);
      shards.push(out);
    }
    // Each shard audited its own third of the list.
    const pagesOf = (file: string) => json(readFileSync(file, 'utf8')).observations?.length ?? 0;
    expect(shards.map(pagesOf).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(4);
    const merged = await runCli(['merge', ...shards, '--format', 'json']);
    expect(merged.status).toBe(0);
    expect(merged.stderr).toMatch(/^Merged 3 report\(s\), 4 site\(s\)/);
    const mergedReport = json(merged.stdout);
    expect(await reportSchemaErrors(mergedReport)).toEqual([]);
    const wholeReport = json(readFileSync(whole, 'utf8'));
    expect(verdicts(mergedReport)).toEqual(verdicts(wholeReport));
    // Not an average: the merged site's grade is the engine's over the union of the shards' cookies.
    const siteOrigin = new URL(demo.urls.site).origin;
    const siteCookies = (r: MergeableReport) =>
      r.sites
        .find((s) => s.origin === siteOrigin)
        ?.cookies.map((c) => c.name)
        .sort();
    expect(siteCookies(mergedReport)).toEqual(siteCookies(wholeReport));
    // Parallel tabs kept each site's cookies with it: the legacy app's cookies stayed on its site.
    for (const report of [mergedReport, ...shards.map((f) => json(readFileSync(f, 'utf8')))]) {
      for (const site of report.sites) {
        if (site.origin === new URL(demo.urls.insecure).origin) continue;
        expect(site.cookies.filter((c) => !c.thirdParty).map((c) => c.name)).not.toContain('csrftoken');
      }
    }
    // The merge renders every format, and --fail-on works on the merged findings.
    const md = await runCli(['merge', ...shards, '--format', 'md', '--fail-on', 'high']);
    expect(md.status).toBe(1);
    expect(md.stdout).toMatch(/^# Cookie Audit report/);
  });

  it('merge refuses a report without observations, with one line', async () => {
    const bare = path.join(dir, 'bare.json');
    writeFileSync(
      bare,
      JSON.stringify({
        schema: 'cookie-audit-report/1',
        generator: { name: 'cookie-audit', version: '0.0.1' },
        createdAt: new Date().toISOString(),
        sites: [],
      }),
    );
    const r = await runCli(['merge', bare]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(
      `cookie-audit: ${bare} carries no observations to re-grade from (written by an older cookie-audit?): audit again with --format json`,
    );
  });

  it('--shard with --crawl is a usage error', async () => {
    const r = await runCli(['--crawl', '--shard', '1/2', demo.urls.site]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--shard splits a URL list known before the audit/);
  });
});
