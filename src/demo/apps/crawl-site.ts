/**
 * site.staging.test (plain HTTP): a site to crawl or to read from its sitemaps (plain, index, gzip),
 * with logout links, a link to another site, 100,000 links on one page, a redirect loop, a page that
 * never answers, a page that is not a sitemap and a sitemap over the protocol's 50,000 URLs.
 */
import { gzipSync } from 'node:zlib';
import { DEMO_HOSTS, SITE_PAGES } from '../hosts.ts';
import { cookiesOf, type DemoApp, page, token } from '../http.ts';

function sitemap(urls: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls
    .map((u) => `<url><loc>${u.replace(/&/g, '&amp;')}</loc></url>`)
    .join('\n')}\n</urlset>\n`;
}

/** What each page of the crawlable site sets: a few cookie habits, so merged shards must agree. */
function pageCookie(n: number): string {
  switch (n % 4) {
    case 0:
      return `promo_${n}=${token(6)}; Path=/; SameSite=None`;
    case 1:
      return `pref_${n}=${token(6)}; Path=/; Max-Age=86400; SameSite=Lax`;
    case 2:
      return `ab_${n}=${token(6)}; Path=/page; HttpOnly`;
    default:
      return `seen_${n}=1; Path=/; Max-Age=31536000`;
  }
}

/**
 * site.staging.test (plain HTTP): a site to crawl or to read from its sitemaps. Each page links to
 * the next pages, to a logout link (which would end the session), and to another site.
 */
export const crawlSiteApp: DemoApp = async (req, send, ports) => {
  const url = new URL(req.url ?? '/', 'http://site');
  const origin = `http://${DEMO_HOSTS.site}:${ports.http}`;
  const cookies = cookiesOf(req);
  const setCookies: string[] = [];
  if (!cookies.has('site_session'))
    setCookies.push(`site_session=${token(32)}; Path=/; HttpOnly; SameSite=Lax`);
  const headers = { 'Content-Type': 'text/html; charset=utf-8', 'Set-Cookie': setCookies };
  const pages = (from: number, to: number) =>
    Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => `${origin}/page/${from + i}`);
  const xml = { 'Content-Type': 'application/xml' };
  const p = url.pathname;
  const pageMatch = /^\/page\/(\d+)$/.exec(p);
  if (pageMatch) {
    const n = Number(pageMatch[1]);
    if (n < 1 || n > SITE_PAGES) {
      send(404, { 'Content-Type': 'text/plain' }, 'not found');
      return;
    }
    setCookies.push(pageCookie(n));
    const next = [n * 2, n * 2 + 1].filter((k) => k <= SITE_PAGES);
    send(
      200,
      headers,
      page(
        `Site staging: page ${n}`,
        `<nav>${next.map((k) => `<a href="/page/${k}">page ${k}</a>`).join(' ')} <a href="/logout">Log out</a> <a href="/page/${n}#top">here</a> <a href="https://${DEMO_HOSTS.widgets}:${ports.https}/widget">elsewhere</a> <a href="mailto:x@example.invalid">mail</a></nav>`,
      ),
    );
    return;
  }
  switch (p) {
    case '/':
      send(
        200,
        headers,
        page(
          'Site staging',
          `<nav><a href="/page/1">page 1</a> <a href="/account/sign-out">Sign out</a> <a href="/logout?next=/">Log out</a> <a href="https://${DEMO_HOSTS.widgets}:${ports.https}/widget">widget</a></nav>`,
        ),
      );
      return;
    case '/logout':
    case '/account/sign-out':
      send(302, { Location: '/', 'Set-Cookie': ['site_session=; Path=/; Max-Age=0'] });
      return;
    case '/sitemap.xml':
      send(200, xml, sitemap(pages(1, 40)));
      return;
    case '/sitemap-index.xml':
      send(
        200,
        xml,
        `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${origin}/sitemap-a.xml.gz</loc></sitemap><sitemap><loc>${origin}/sitemap-b.xml</loc></sitemap><sitemap><loc>${origin}/sitemap-missing.xml</loc></sitemap></sitemapindex>\n`,
      );
      return;
    case '/sitemap-a.xml.gz':
      send(200, { 'Content-Type': 'application/gzip' }, gzipSync(sitemap(pages(1, 3))));
      return;
    case '/sitemap-b.xml':
      send(200, xml, sitemap([...pages(4, 6), `https://${DEMO_HOSTS.widgets}:${ports.https}/widget`]));
      return;
    case '/not-a-sitemap.xml':
      send(200, { 'Content-Type': 'text/html; charset=utf-8' }, page('Not a sitemap', '<p>Just a page.</p>'));
      return;
    case '/huge-sitemap.xml':
      send(
        200,
        xml,
        sitemap(Array.from({ length: 60_000 }, (_, i) => `${origin}/page/${(i % SITE_PAGES) + 1}?v=${i}`)),
      );
      return;
    case '/links':
      // 100,000 links: the crawl must stay within --max-pages, and quickly.
      send(
        200,
        headers,
        page(
          'Site staging: 100,000 links',
          // In a hidden block: the document holds them all, the browser lays out none of them.
          `<div hidden>${Array.from(
            { length: 100_000 },
            (_, i) => `<a href="/page/${(i % SITE_PAGES) + 1}?l=${i}">${i}</a>`,
          ).join('')}</div>`,
        ),
      );
      return;
    case '/loop':
      send(302, { Location: '/loop-again' });
      return;
    case '/loop-again':
      send(302, { Location: '/loop' });
      return;
    case '/never':
      // Never answers (until the server closes): the per-page --timeout must end it.
      return;
    default:
      send(404, { 'Content-Type': 'text/plain' }, 'not found');
  }
};
