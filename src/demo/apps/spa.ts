import { cookiesOf, type DemoApp, page, token } from '../http.ts';

/**
 * spa.staging.test: a plain-HTTP single-page app. The page itself sets no cookie; its API logs in
 * and scopes the session cookie to Path=/api, so the cookie is only ever sent in clear with the
 * page's fetch calls, never with a document request.
 */
export const spaApp: DemoApp = async (req, send) => {
  const url = new URL(req.url ?? '/', 'http://spa');
  if (url.pathname === '/api/login' && req.method === 'POST') {
    send(
      200,
      {
        'Content-Type': 'application/json',
        'Set-Cookie': [`api_session=${token(32)}; Path=/api; HttpOnly; SameSite=Lax`],
      },
      '{"ok":true}',
    );
    return;
  }
  if (url.pathname === '/api/me') {
    const signedIn = cookiesOf(req).has('api_session');
    send(200, { 'Content-Type': 'application/json' }, JSON.stringify({ signedIn }));
    return;
  }
  if (url.pathname !== '/') {
    send(404, { 'Content-Type': 'text/plain' }, 'not found');
    return;
  }
  send(
    200,
    { 'Content-Type': 'text/html; charset=utf-8' },
    page(
      'SPA staging',
      '<p id="state">Signing in…</p>',
      `fetch('/api/login', { method: 'POST' })
        .then(() => fetch('/api/me'))
        .then((r) => r.json())
        .then((me) => { document.getElementById('state').textContent = me.signedIn ? 'Signed in' : 'Not signed in'; document.title = 'ready'; });`,
    ),
  );
};
