/**
 * The CLI's discovery, shard, merge and reach options without a browser: URL files, sitemaps (XML,
 * index, gzip, hostile sizes), the crawl's link filter, deterministic shards, merging observations
 * as one audit would, option checks that never echo a secret, and the summary line.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  dedupeUrls,
  globToRegExp,
  linkAccepter,
  parseSitemap,
  parseUrlsFile,
  SITEMAP_MAX_BYTES,
  sitemapText,
} from '../../../src/cli/discovery.ts';
import { run } from '../../../src/cli/main.ts';
import { mergeReports, mergeSiteObservations } from '../../../src/cli/merge.ts';
import { parseCli } from '../../../src/cli/options.ts';
import { createProgress, progressMode, summaryLine } from '../../../src/cli/progress.ts';
import { parseReach, reachSecrets } from '../../../src/cli/reach.ts';
import { parseShard, shardOf } from '../../../src/cli/shard.ts';
import {
  auditSite,
  buildReport,
  defaultUserSettings,
  observeSetCookie,
  type SiteObservations,
  toAuditSettings,
} from '../../../src/core/index.ts';
import { wording } from '../../../src/lessons/index.ts';

describe('--urls-file', () => {
  it('one URL per line, comments and blank lines skipped', () => {
    expect(parseUrlsFile('# list\nhttps://a.test/\n\n  https://a.test/b  # second\r\n', 'f')).toEqual([
      'https://a.test/',
      'https://a.test/b',
    ]);
  });
  it('a bad line is a usage error naming the line', () => {
    expect(() => parseUrlsFile('https://a.test/\nftp://x/\n', 'urls.txt')).toThrow(
      '--urls-file urls.txt, line 2: not an http(s) URL: ftp://x/',
    );
  });
});

describe('sitemaps', () => {
  const urlset = (locs: string[]) =>
    `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs.map((l) => `<url><loc>${l}</loc></url>`).join('')}</urlset>`;

  it('reads a urlset, entities and CDATA decoded, non-http entries dropped', () => {
    const xml = urlset(['https://a.test/?a=1&amp;b=2', '<![CDATA[https://a.test/c]]>', 'mailto:x@y']);
    expect(parseSitemap(xml, 'm')).toEqual({
      kind: 'urlset',
      locs: ['https://a.test/?a=1&b=2', 'https://a.test/c'],
    });
  });
  it('tells a sitemap index apart, with namespaced tags', () => {
    const xml =
      '<sm:sitemapindex xmlns:sm="x"><sm:sitemap><sm:loc>https://a.test/s1.xml</sm:loc></sm:sitemap></sm:sitemapindex>';
    expect(parseSitemap(xml, 'm')).toEqual({ kind: 'sitemapindex', locs: ['https://a.test/s1.xml'] });
  });
  it('not XML, or XML that is no sitemap: a clear line', () => {
    expect(() => parseSitemap('{"urls": []}', 'S')).toThrow(
      /^S is not XML \(a sitemap starts with <\?xml or <urlset>\): /,
    );
    expect(() => parseSitemap('<html><body>hi</body></html>', 'S')).toThrow(
      'S is XML but not a sitemap (no <urlset> or <sitemapindex>)',
    );
  });
  it('more than 50,000 URLs: refused, as the protocol says', () => {
    const xml = urlset(Array.from({ length: 50_001 }, (_, i) => `https://a.test/${i}`));
    expect(() => parseSitemap(xml, 'S')).toThrow(
      "S lists more than 50,000 URLs (the sitemap protocol's limit)",
    );
  });
  it('gzip by its magic bytes; a gzip bomb stops at 50 MB instead of filling memory', () => {
    expect(sitemapText(gzipSync(urlset(['https://a.test/'])), 'S')).toContain('<loc>https://a.test/</loc>');
    const bomb = gzipSync(Buffer.alloc(SITEMAP_MAX_BYTES + 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(() => sitemapText(bomb, 'S')).toThrow(
      "S is larger than 50 MB once unpacked (the sitemap protocol's limit)",
    );
    expect(() => sitemapText(Buffer.from([0x1f, 0x8b, 1, 2, 3]), 'S')).toThrow(/^S is not valid gzip/);
  });
});

describe('the crawl filter', () => {
  const accept = linkAccepter({ include: [], exclude: ['/admin/*'] });
  it('skips logout-looking links by default, keeps look-alikes', () => {
    for (const url of [
      '/logout',
      '/log-out',
      '/account/sign-out',
      '/signoff',
      '/users/log_off?x=1',
      '/Logout',
    ].map((p) => `https://a.test${p}`)) {
      expect(accept(url), url).toBe(false);
    }
    for (const url of ['/blog/outreach', '/catalog/outdoor', '/login', '/design/outline'].map(
      (p) => `https://a.test${p}`,
    )) {
      expect(accept(url), url).toBe(true);
    }
  });
  it('--exclude globs on the path, --include narrows and lets a named logout link in', () => {
    expect(accept('https://a.test/admin/users')).toBe(false);
    const only = linkAccepter({ include: ['/shop/*', 'https://a.test/logout'], exclude: [] });
    expect(only('https://a.test/shop/1')).toBe(true);
    expect(only('https://a.test/blog/1')).toBe(false);
    expect(only('https://a.test/logout')).toBe(true);
  });
  it('globs are literal but for *', () => {
    expect(globToRegExp('/a.b?c=*').test('/a.b?c=1')).toBe(true);
    expect(globToRegExp('/a.b').test('/aXb')).toBe(false);
  });
  it('the same page under another fragment is one page', () => {
    expect(dedupeUrls(['https://a.test/x#1', 'https://a.test/x#2', 'https://a.test/y'])).toEqual([
      'https://a.test/x#1',
      'https://a.test/y',
    ]);
  });
});

describe('--shard', () => {
  it('K/N parts are contiguous, disjoint, cover the list and are the same every time', () => {
    for (const length of [0, 1, 2, 7, 40, 101]) {
      const list = Array.from({ length }, (_, i) => i);
      for (const total of [1, 2, 3, 5]) {
        const parts = Array.from({ length: total }, (_, k) => shardOf(list, { index: k + 1, total }));
        expect(parts.flat()).toEqual(list);
        const sizes = parts.map((p) => p.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        expect(shardOf(list, { index: 1, total })).toEqual(parts[0]);
      }
    }
  });
  it('bad K/N: a usage error', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, total: 3 });
    expect(() => parseShard('0/3')).toThrow('K must be between 1 and N');
    expect(() => parseShard('4/3')).toThrow('K must be between 1 and N');
    expect(() => parseShard('two')).toThrow('--shard wants K/N');
  });
});

function site(origin: string, lines: string[], at: number): SiteObservations {
  return {
    url: `${origin}/`,
    origin,
    cookies: lines.map((line, i) => observeSetCookie(line, { url: `${origin}/p${i}`, now: at + i })),
    responses: [{ url: `${origin}/`, status: 200, hsts: null, mainFrame: true, observedAt: at }],
    redirects: [],
    redirectCheck: { requestedUrl: `${origin}/`, status: 200, location: null, observedAt: at },
    sentInClear: [],
    logins: [],
    sessionInUrl: [],
    schemesSeen: ['http'],
  };
}

describe('merge', () => {
  const origin = 'http://shop.test';
  const settings = defaultUserSettings();
  const grade = (obs: SiteObservations) =>
    auditSite(obs, { ...toAuditSettings(settings), now: 2_000 }, wording);
  const report = (sites: SiteObservations[]) => ({
    ...buildReport(sites.map(grade), { version: '1', createdAt: new Date(2_000).toISOString() }),
    observations: sites,
    settings,
  });

  it('re-grades from the union of the observations: one bad cookie in one shard fails the merged site', () => {
    const a = site(
      origin,
      ['sessionid=abcdefghijklmnopqrstuvwxyz012345; Path=/; HttpOnly; SameSite=Lax'],
      1_000,
    );
    const b = site(origin, ['theme=dark; Path=/; SameSite=None'], 1_100);
    const merged = mergeReports([report([a]), report([b])], ['a.json', 'b.json'], '1');
    const union = grade(mergeSiteObservations([a, b]));
    expect(merged.sites).toHaveLength(1);
    expect(merged.sites[0].grade).toBe(union.grade);
    expect(merged.sites[0].score).toBe(union.score);
    expect(merged.sites[0].cookies.map((c) => c.name).sort()).toEqual(['sessionid', 'theme']);
    // Not an average of the two shards' scores.
    const scores = [grade(a).score, grade(b).score];
    expect(merged.sites[0].score).not.toBe((scores[0] + scores[1]) / 2);
  });

  it('the latest sighting of a cookie wins, as in one browser profile; repeated events are kept once', () => {
    const early = site(origin, ['sid=abcdefghijklmnopqrstuvwxyz0123456789; Path=/'], 1_000);
    const late = site(origin, ['sid=abcdefghijklmnopqrstuvwxyz0123456789; Path=/; HttpOnly; Secure'], 1_500);
    const merged = mergeSiteObservations([late, early]);
    expect(merged.cookies).toHaveLength(1);
    expect(merged.cookies[0].httpOnly).toBe(true);
    expect(mergeSiteObservations([early, { ...early }]).responses).toHaveLength(1);
  });

  it('sites are unioned; reports made with other settings are refused', () => {
    const a = report([site('http://a.test', ['x=1; Path=/'], 1_000)]);
    const b = report([site('http://b.test', ['y=1; Path=/'], 1_000)]);
    expect(mergeReports([a, b], ['a', 'b'], '1').sites.map((s) => s.origin)).toEqual([
      'http://a.test',
      'http://b.test',
    ]);
    const other = { ...b, settings: { ...settings, disabledRules: ['session-no-prefix'] } };
    expect(() => mergeReports([a, other], ['a.json', 'b.json'], '1')).toThrow(
      'b.json was audited with other settings than a.json',
    );
  });

  it('cookie-audit merge writes every report format, HTML included', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cookie-audit-merge-'));
    const files = ['a', 'b'].map((name) => {
      const file = path.join(dir, `${name}.json`);
      writeFileSync(file, JSON.stringify(report([site(`http://${name}.test`, ['x=1; Path=/'], 1_000)])));
      return file;
    });
    const out = path.join(dir, 'merged.html');
    expect(await run(['merge', ...files, '--format', 'html', '--out', out, '--quiet'])).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('http://a.test');
    expect(html).toContain('http://b.test');
  });
});

describe('the reach options', () => {
  it('headers: "Name: value" and NAME=VAR; the browser-owned ones refused; values never echoed', () => {
    const reach = parseReach(
      { header: ['X-Key: s3cret-value'], 'header-env': ['Authorization=TOKEN'] },
      { TOKEN: 'Bearer t0ken-xyz' },
      undefined,
    );
    expect(reach.headers).toEqual({ 'X-Key': 's3cret-value', Authorization: 'Bearer t0ken-xyz' });
    expect(() => parseReach({ header: ['Cookie: sid=abc123'] }, {}, undefined)).toThrow(
      /use --storage-state/,
    );
    expect(() => parseReach({ header: ['no colon here-secret'] }, {}, undefined)).toThrow(
      '--header wants "Name: value"',
    );
    try {
      parseReach({ header: ['Bad Name: hunter2-secret'] }, {}, undefined);
    } catch (error) {
      expect(String(error)).not.toContain('hunter2-secret');
    }
    expect(() => parseReach({ 'header-env': ['X=MISSING'] }, {}, undefined)).toThrow(
      '--header-env X: the environment variable MISSING is not set',
    );
  });
  it('secrets of --header and --header-env are found for scrubbing', () => {
    expect(
      reachSecrets(['--header', 'X-Key: abc-secret', '--header-env=Y=VAR'], { VAR: 'from-env-secret' }),
    ).toEqual(['abc-secret', 'from-env-secret']);
  });
  it('--http-credentials takes the password of --password-env; defaults are sane', () => {
    const options = parseCli(['--http-credentials', 'ann', '--password-env', 'P', 'https://a.test/'], {
      P: 'pw-123456',
    });
    expect(options).not.toBe('help');
    expect(options).not.toBe('version');
    if (options === 'help' || options === 'version') return;
    expect(options.reach.credentials).toEqual({ username: 'ann', password: 'pw-123456' });
    expect(options.reach.maxPages).toBe(25);
    expect(options.reach.concurrency).toBeGreaterThanOrEqual(2);
    expect(options.reach.timeoutMs).toBe(30_000);
    expect(() => parseCli(['--http-credentials', 'ann', 'https://a.test/'], {})).toThrow(
      '--http-credentials needs --password-env VAR',
    );
    expect(() => parseCli(['--max-pages', '3', 'https://a.test/'], {})).toThrow(
      '--max-pages only goes with --crawl',
    );
    expect(() => parseCli(['--concurrency', '0', 'https://a.test/'], {})).toThrow(
      '--concurrency wants a whole number',
    );
    expect(() => parseCli(['--timeout', 'soon', 'https://a.test/'], {})).toThrow('--timeout wants seconds');
  });
});

describe('the summary line', () => {
  it('pages, sites and grades, findings per severity (first-party), time', () => {
    const obs = site('http://a.test', ['sessionid=abcdefghijklmnopqrstuvwxyz012345; Path=/'], 1_000);
    const audit = auditSite(obs, { now: 2_000 }, wording);
    const report = buildReport([audit], { version: '1', createdAt: new Date().toISOString() });
    const line = summaryLine(report, { audited: 3, failed: 1 }, 12.34);
    expect(line).toMatch(
      new RegExp(
        `^Audited 3 pages \\(1 failed\\), 1 site \\(${audit.grade.replace('+', '\\+')}\\), findings: \\d+ high, \\d+ medium, \\d+ low, \\d+ info, 12\\.3 s$`,
      ),
    );
  });
});

describe('progress', () => {
  /** A terminal-like stream that records what is written (cursor moves are no-ops). */
  function fakeTerminal() {
    const writes: string[] = [];
    const stream = {
      isTTY: true,
      columns: 160,
      write: (chunk: string) => {
        writes.push(String(chunk));
        return true;
      },
      cursorTo: () => true,
      clearLine: () => true,
      clearScreenDown: () => true,
      moveCursor: () => true,
      on: () => stream,
      removeListener: () => stream,
    };
    return { stream: stream as unknown as NodeJS.WriteStream, text: () => writes.join('') };
  }

  it('a terminal gets a bar with done/total, elapsed, ETA and the current URL; failures are printed above it', () => {
    const { stream, text } = fakeTerminal();
    expect(progressMode(false, stream)).toBe(process.env.CI === 'true' ? 'lines' : 'bar');
    const bar = createProgress('bar', stream);
    bar.total(3);
    bar.pageStarted('https://a.test/one');
    bar.pageDone('https://a.test/one', { ok: true, ms: 120 });
    bar.pageStarted('https://a.test/two');
    bar.pageDone('https://a.test/two', { ok: false, ms: 90, note: 'connection refused' });
    bar.stop();
    expect(text()).toMatch(/\d\/3 pages \| \S+ elapsed \| ETA \S+ \| https:\/\/a\.test\/\w+/);
    expect(text()).toContain('https://a.test/two failed: connection refused\n');
  });

  it('off a terminal: one line per page; --quiet: nothing', () => {
    const { stream, text } = fakeTerminal();
    const lines = createProgress('lines', stream);
    lines.total(2);
    lines.pageDone('https://a.test/', { ok: true, ms: 1234 });
    expect(text()).toBe('[1/2] https://a.test/ ok 1.2 s\n');
    expect(progressMode(true, stream)).toBe('quiet');
    const { stream: s2, text: t2 } = fakeTerminal();
    const quiet = createProgress('quiet', s2);
    quiet.total(1);
    quiet.pageDone('https://a.test/', { ok: true, ms: 1 });
    expect(t2()).toBe('');
  });
});
