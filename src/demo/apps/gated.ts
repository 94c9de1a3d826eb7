/**
 * gated.staging.test: what a staging gateway does — no page without the right header. Its page loads
 * a third-party image and frames a redirect to a third party: neither may get the header.
 */
import { DEMO_GATE, DEMO_HOSTS } from '../hosts.ts';
import { type DemoApp, HSTS_TWO_YEARS as HSTS, page, token } from '../http.ts';

export const gatedApp: DemoApp = async (req, send, ports) => {
  const url = new URL(req.url ?? '/', 'https://gated');
  if (req.headers[DEMO_GATE.header.toLowerCase()] !== DEMO_GATE.value) {
    send(403, { 'Content-Type': 'text/plain', ...HSTS }, 'forbidden: staging gateway');
    return;
  }
  const widget = `https://${DEMO_HOSTS.widgets}:${ports.https}`;
  if (url.pathname === '/out') {
    send(302, { Location: `${widget}/widget?from=gated`, ...HSTS });
    return;
  }
  if (url.pathname !== '/') {
    send(404, { 'Content-Type': 'text/plain', ...HSTS }, 'not found');
    return;
  }
  send(
    200,
    {
      'Content-Type': 'text/html; charset=utf-8',
      ...HSTS,
      'Set-Cookie': [`gate_session=${token(32)}; Path=/; Secure; HttpOnly; SameSite=Lax`],
    },
    page(
      'Gated staging',
      `<p>Reached through the gateway header.</p><img alt="" src="${widget}/widget?pixel=1" width="1" height="1"><iframe title="out" src="/out" width="10" height="10"></iframe>`,
    ),
  );
};
