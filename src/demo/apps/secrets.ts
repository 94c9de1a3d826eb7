import { DEMO_USER } from '../hosts.ts';
import { cookiesOf, type DemoApp, escapeHtml, page, token } from '../http.ts';

/**
 * The secret markers this app plants in places an audit must never repeat: a nameless cookie
 * (the browser sends it back as its bare value), text inside a quoted cookie value, a payload key
 * that is itself data (an e-mail address), a password in a GET login form's query.
 */
export const DEMO_SECRETS = {
  nameless: 'NamelessDemoSecret4242',
  quotedTail: 'QuotedDemoTail9191',
  payloadKey: 'alice.secret@example.com',
} as const;

/**
 * secrets.staging.test: plain HTTP, with the secrets above planted in cookies, and a login form
 * that uses method=get (its password ends up in the URL of the page it lands on). A user:pass@ URL
 * of this host (see demoUrls) carries credentials in the URL itself.
 */
export const secretsApp: DemoApp = async (req, send) => {
  const url = new URL(req.url ?? '/', 'http://secrets');
  const cookies = cookiesOf(req);
  const html = { 'Content-Type': 'text/html; charset=utf-8' };
  const payload = Buffer.from(JSON.stringify({ user_id: 7, [DEMO_SECRETS.payloadKey]: true })).toString(
    'base64',
  );
  const setCookies = [
    `${DEMO_SECRETS.nameless}; Path=/`,
    `quoted="q1; Hidden=${DEMO_SECRETS.quotedTail}"; Path=/`,
    `session=${payload}; Path=/`,
  ];
  if (!cookies.has('sid')) setCookies.push(`sid=${token(24)}; Path=/; HttpOnly`);
  switch (url.pathname) {
    case '/':
      send(
        200,
        { ...html, 'Set-Cookie': setCookies },
        page(
          'Secrets staging',
          '<p>Cookies with secrets in odd places, and a <a href="/login">login form that uses GET</a>.</p>',
        ),
      );
      return;
    case '/twins':
      // Same name, domain and path: only the partition tells them apart (Reveal must not mix them up).
      send(
        200,
        {
          ...html,
          'Set-Cookie': [
            'twin=UnpartitionedTwin1; Path=/; Secure; SameSite=None',
            'twin=PartitionedTwin2; Path=/; Secure; SameSite=None; Partitioned',
          ],
        },
        page('Secrets staging: twins', '<p>Two cookies named twin.</p>'),
      );
      return;
    case '/login':
      send(
        200,
        html,
        page(
          'Secrets staging: log in (GET)',
          `<form method="get" action="/welcome">
<label>User <input type="text" name="username" autocomplete="username"></label>
<label>Password <input type="password" name="password" autocomplete="current-password"></label>
<button type="submit">Log in</button></form>`,
        ),
      );
      return;
    case '/welcome': {
      const ok =
        url.searchParams.get('username') === DEMO_USER.username &&
        url.searchParams.get('password') === DEMO_USER.password;
      send(
        ok ? 200 : 401,
        { ...html, ...(ok ? { 'Set-Cookie': [`sid=${token(24)}; Path=/; HttpOnly`] } : {}) },
        page(
          'Secrets staging: welcome',
          ok ? `<p>Welcome, ${escapeHtml(DEMO_USER.username)}.</p>` : '<p>No.</p>',
        ),
      );
      return;
    }
    default:
      send(404, { 'Content-Type': 'text/plain' }, 'not found');
  }
};
