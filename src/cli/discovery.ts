/**
 * Where the URLs to audit come from besides the command line: a URL list file, a sitemap (or a
 * sitemap index, gzip or not, from a URL or a file), and the crawl's link filter. Everything is
 * bounded: a gigantic sitemap or a page with 100,000 links gives a clear line, never a hang.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { gunzipSync } from 'node:zlib';
import { UsageError } from './reach-common.ts';

/** The sitemap protocol's own limits: 50,000 URLs and 50 MB (uncompressed) per file. */
export const SITEMAP_MAX_BYTES = 50 * 1024 * 1024;
export const SITEMAP_MAX_URLS = 50_000;
/** Child sitemaps followed from one index (and nested indexes are followed one level deep). */
export const SITEMAP_MAX_CHILDREN = 100;
/** URLs a run takes from files and sitemaps together. */
export const MAX_DISCOVERED_URLS = 100_000;
const FETCH_TIMEOUT_MS = 30_000;

/** Links that would end the crawl's own session: excluded unless an --include names them. */
export const LOGOUT_PATTERN = /(^|[^a-z])(log|sign)[-_ ]?(out|off)([^a-z]|$)|logoff|signoff|abmelden/i;

export function isHttpUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The URL without its fragment (one page, however it is linked). */
export function normaliseUrl(url: string): string {
  const u = new URL(url);
  u.hash = '';
  return u.href;
}

/** One URL per line; blank lines and `#` comments are skipped. A bad line is a usage error naming it. */
export function parseUrlsFile(text: string, file: string): string[] {
  const urls: string[] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') continue;
    if (!isHttpUrl(line)) {
      throw new UsageError(`--urls-file ${file}, line ${i + 1}: not an http(s) URL: ${line.slice(0, 200)}`);
    }
    urls.push(line);
    if (urls.length > MAX_DISCOVERED_URLS) {
      throw new UsageError(`--urls-file ${file}: more than ${MAX_DISCOVERED_URLS.toLocaleString('en')} URLs`);
    }
  }
  return urls;
}

export function readUrlsFile(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`Cannot read --urls-file ${file}${code ? ` (${code})` : ''}`);
  }
  return parseUrlsFile(text, file);
}

/** How the sitemap fetch reaches a staging host: the same access the browser gets. */
export interface FetchAccess {
  insecure?: boolean;
  loopbackHosts?: readonly string[];
  /** Headers and basic credentials, sent only to these origins. */
  origins?: readonly string[];
  headers?: Record<string, string>;
  credentials?: { username: string; password: string };
}

export type SitemapKind = 'urlset' | 'sitemapindex';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXmlText(text: string): string {
  const cdata = /^<!\[CDATA\[([\s\S]*)\]\]>$/.exec(text.trim());
  if (cdata) return cdata[1].trim();
  return text
    .trim()
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e: string) =>
      e[0] === '#'
        ? String.fromCodePoint(
            e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)),
          )
        : (ENTITIES[e.toLowerCase()] ?? m),
    );
}

/**
 * The <loc> entries of a sitemap or sitemap index. Not XML, or XML that is neither: a usage error
 * saying what was found instead.
 */
export function parseSitemap(xml: string, where: string): { kind: SitemapKind; locs: string[] } {
  const head = xml.slice(0, 4096).replace(/^\uFEFF/, '');
  const root = /<(?:[a-z0-9_-]+:)?(urlset|sitemapindex)[\s>]/i.exec(xml.slice(0, 64 * 1024));
  if (!root) {
    const looksXml = /^\s*(<\?xml|<)/.test(head);
    throw new UsageError(
      looksXml
        ? `${where} is XML but not a sitemap (no <urlset> or <sitemapindex>)`
        : `${where} is not XML (a sitemap starts with <?xml or <urlset>): ${JSON.stringify(head.trim().slice(0, 40))}`,
    );
  }
  const kind = root[1].toLowerCase() as SitemapKind;
  const locs: string[] = [];
  const re = /<(?:[a-z0-9_-]+:)?loc>([\s\S]*?)<\/(?:[a-z0-9_-]+:)?loc>/gi;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const loc = decodeXmlText(m[1]);
    if (isHttpUrl(loc)) locs.push(loc);
    if (locs.length > SITEMAP_MAX_URLS) {
      throw new UsageError(
        `${where} lists more than ${SITEMAP_MAX_URLS.toLocaleString('en')} URLs (the sitemap protocol's limit)`,
      );
    }
  }
  return { kind, locs };
}

/** gzip (by its magic bytes, whatever the name says) or plain; never more than SITEMAP_MAX_BYTES. */
export function sitemapText(body: Buffer, where: string): string {
  if (body.length >= 2 && body[0] === 0x1f && body[1] === 0x8b) {
    try {
      return gunzipSync(body, { maxOutputLength: SITEMAP_MAX_BYTES }).toString('utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ERR_BUFFER_TOO_LARGE' || /Cannot create a Buffer larger|too large/i.test(String(error))) {
        throw new UsageError(`${where} is larger than 50 MB once unpacked (the sitemap protocol's limit)`);
      }
      throw new UsageError(`${where} is not valid gzip: ${(error as Error).message}`);
    }
  }
  if (body.length > SITEMAP_MAX_BYTES)
    throw new UsageError(`${where} is larger than 50 MB (the sitemap protocol's limit)`);
  return body.toString('utf8');
}

function accessFor(url: URL, access: FetchAccess): Record<string, string> {
  if (!access.origins?.includes(url.origin)) return {};
  const headers: Record<string, string> = { ...(access.headers ?? {}) };
  if (access.credentials) {
    const { username, password } = access.credentials;
    headers.Authorization = `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
  }
  return headers;
}

/**
 * GET with the browser's view of the network: loopback host names resolve to 127.0.0.1, a
 * self-signed certificate only with --insecure, redirects followed (at most 5), at most
 * SITEMAP_MAX_BYTES read, a time limit.
 */
export async function fetchBounded(
  target: string,
  access: FetchAccess,
  where: string,
  redirects = 0,
): Promise<Buffer> {
  const url = new URL(target);
  const loopback = access.loopbackHosts?.includes(url.hostname.toLowerCase());
  const client = url.protocol === 'https:' ? https : http;
  const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const req = client.get(
      url,
      {
        headers: {
          'User-Agent': 'cookie-audit',
          Accept: 'application/xml, text/xml, */*',
          ...accessFor(url, access),
        },
        rejectUnauthorized: !access.insecure,
        timeout: FETCH_TIMEOUT_MS,
        ...(loopback
          ? {
              lookup: (_host: string, options: unknown, callback: unknown) => {
                const cb = (typeof options === 'function' ? options : callback) as (
                  err: Error | null,
                  address: string | { address: string; family: number }[],
                  family?: number,
                ) => void;
                const all =
                  typeof options === 'object' && options !== null && (options as { all?: boolean }).all;
                if (all) cb(null, [{ address: '127.0.0.1', family: 4 }]);
                else cb(null, '127.0.0.1', 4);
              },
            }
          : {}),
      },
      resolve,
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${FETCH_TIMEOUT_MS / 1000} s`)));
    req.on('error', reject);
  }).catch((error: NodeJS.ErrnoException) => {
    const reason =
      error.code === 'ENOTFOUND'
        ? `host ${url.hostname} not found`
        : error.code === 'ECONNREFUSED'
          ? 'connection refused'
          : /certificate|self[- ]signed|CERT_/i.test(`${error.code} ${error.message}`)
            ? `TLS certificate not trusted (${error.code ?? error.message}); add --insecure for a self-signed staging host`
            : (error.message.split('\n')[0] ?? String(error));
    throw new UsageError(`Cannot fetch ${where}: ${reason}`);
  });
  const status = response.statusCode ?? 0;
  if (status >= 300 && status < 400 && response.headers.location) {
    response.resume();
    if (redirects >= 5) throw new UsageError(`Cannot fetch ${where}: more than 5 redirects`);
    return fetchBounded(new URL(response.headers.location, url).href, access, where, redirects + 1);
  }
  if (status !== 200) {
    response.resume();
    throw new UsageError(`Cannot fetch ${where}: HTTP ${status}`);
  }
  const declared = Number(response.headers['content-length'] ?? 0);
  if (declared > SITEMAP_MAX_BYTES) {
    response.destroy();
    throw new UsageError(`${where} is larger than 50 MB (the sitemap protocol's limit)`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response) {
    size += (chunk as Buffer).length;
    if (size > SITEMAP_MAX_BYTES) {
      response.destroy();
      throw new UsageError(`${where} is larger than 50 MB (the sitemap protocol's limit)`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export interface SitemapResult {
  urls: string[];
  warnings: string[];
}

/**
 * The page URLs of a sitemap (URL or file), following a sitemap index's children. A child that
 * fails is a warning and the rest goes on; the sitemap itself failing is a usage error.
 */
export async function readSitemap(source: string, access: FetchAccess): Promise<SitemapResult> {
  const warnings: string[] = [];
  const load = async (where: string): Promise<Buffer> => {
    if (isHttpUrl(where)) return fetchBounded(where, access, `--sitemap ${where}`);
    try {
      return readFileSync(where);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(`Cannot read --sitemap ${where}${code ? ` (${code})` : ''}`);
    }
  };
  const urls: string[] = [];
  const seen = new Set<string>();
  const add = (loc: string) => {
    if (seen.has(loc) || urls.length >= MAX_DISCOVERED_URLS) return;
    seen.add(loc);
    urls.push(loc);
  };
  const top = parseSitemap(sitemapText(await load(source), `--sitemap ${source}`), `--sitemap ${source}`);
  if (top.kind === 'urlset') {
    for (const loc of top.locs) add(loc);
  } else {
    const queue = top.locs.slice(0, SITEMAP_MAX_CHILDREN).map((loc) => ({ loc, depth: 1 }));
    if (top.locs.length > SITEMAP_MAX_CHILDREN) {
      warnings.push(
        `Sitemap index ${source} lists ${top.locs.length} sitemaps: only the first ${SITEMAP_MAX_CHILDREN} were read`,
      );
    }
    for (let item = queue.shift(); item; item = queue.shift()) {
      try {
        const where = `sitemap ${item.loc}`;
        const child = parseSitemap(sitemapText(await fetchBounded(item.loc, access, where), where), where);
        if (child.kind === 'urlset') for (const loc of child.locs) add(loc);
        else if (item.depth < 2)
          queue.push(...child.locs.slice(0, SITEMAP_MAX_CHILDREN).map((loc) => ({ loc, depth: 2 })));
        else warnings.push(`Sitemap index ${item.loc} is nested too deeply: not followed`);
      } catch (error) {
        warnings.push((error as Error).message);
      }
    }
  }
  if (urls.length >= MAX_DISCOVERED_URLS) {
    warnings.push(
      `The sitemap lists more than ${MAX_DISCOVERED_URLS.toLocaleString('en')} URLs: only the first were taken`,
    );
  }
  if (isHttpUrl(source)) {
    // The sitemap protocol: a sitemap only lists URLs of its own host.
    const origin = new URL(source).origin;
    const own = urls.filter((u) => new URL(u).origin === origin);
    if (own.length < urls.length) {
      warnings.push(
        `${urls.length - own.length} sitemap URL(s) on another origin than ${origin} were skipped`,
      );
    }
    return { urls: own, warnings };
  }
  return { urls, warnings };
}

/** A glob (`*` any characters) against the URL; a pattern starting with `/` is matched against path and query. */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 'i');
}

export interface LinkFilter {
  include: string[];
  exclude: string[];
  /** Keep logout-looking links (default false: they would end the session being audited). */
  allowLogout?: boolean;
}

export function linkAccepter(filter: LinkFilter): (url: string) => boolean {
  const inc = filter.include.map((g) => ({ re: globToRegExp(g), path: g.startsWith('/') }));
  const exc = filter.exclude.map((g) => ({ re: globToRegExp(g), path: g.startsWith('/') }));
  const matches = (p: { re: RegExp; path: boolean }, u: URL) =>
    p.re.test(p.path ? u.pathname + u.search : u.href);
  return (url) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return false;
    }
    if (exc.some((p) => matches(p, u))) return false;
    const included = inc.some((p) => matches(p, u));
    if (inc.length > 0 && !included) return false;
    if (!filter.allowLogout && !included && LOGOUT_PATTERN.test(decodeURIComponent(u.pathname + u.search)))
      return false;
    return true;
  };
}

/** The list without repeats (fragment ignored), in first-seen order. */
export function dedupeUrls(urls: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const url of urls) {
    const key = normaliseUrl(url);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(url);
  }
  return out;
}
