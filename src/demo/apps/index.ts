import { demoUrls } from '../hosts.ts';
import { type DemoApp, page } from '../http.ts';

/** Any other host (localhost): the list of the demo's sites. */
export const indexApp: DemoApp = async (_req, send, ports) => {
  const u = demoUrls(ports.http, ports.https);
  const html = page(
    'Cookie Audit demo staging site',
    `<p>Each site below is a separate origin with its own cookie habits. Open one and look at the Cookie Audit badge.</p>
<ul>
<li><a href="${u.insecure}">${u.insecure}</a> — plain HTTP, insecure session cookie</li>
<li><a href="${u.hardened}">${u.hardened}</a> — hardened session cookie, HSTS</li>
<li><a href="${u.noHsts}">${u.noHsts}</a> — HTTPS without HSTS</li>
<li><a href="${u.shortHsts}">${u.shortHsts}</a> — HTTPS with a 5-minute HSTS</li>
<li><a href="${u.prefixes}">${u.prefixes}</a> — the new __Http- prefixes, one cookie broken</li>
<li><a href="${u.spa}">${u.spa}</a> — plain-HTTP single-page app, session cookie sent with its API calls</li>
<li><a href="${u.secrets}">${u.secrets}</a> — secrets in odd places: a nameless cookie, a quoted value with ";", a GET login form</li>
</ul>`,
  );
  send(200, { 'Content-Type': 'text/html; charset=utf-8' }, html);
};
