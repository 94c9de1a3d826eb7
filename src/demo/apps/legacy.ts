import { DEMO_HOSTS, DEMO_USER } from '../hosts.ts';
import { cookiesOf, type DemoApp, djangoKey, escapeHtml, loginForm, page, readForm, token } from '../http.ts';

/** legacy.staging.test: a plain-HTTP app with every classic mistake (the "before" of the lessons). */
export const legacyApp: DemoApp = async (req, send, ports) => {
  const url = new URL(req.url ?? '/', 'http://legacy');
  const cookies = cookiesOf(req);
  const setCookies: string[] = [];
  if (!cookies.has('sessionid')) setCookies.push(`sessionid=${djangoKey()}; Path=/`);
  if (!cookies.has('csrftoken'))
    setCookies.push(`csrftoken=${token(24)}; Path=/; Max-Age=31449600; SameSite=Lax`);
  if (url.pathname === '/' || url.pathname.startsWith('/shop')) {
    setCookies.push(`tracking_pref=${token(12)}; Path=/; SameSite=None`);
  }
  if (url.pathname === '/login' && req.method === 'POST') {
    const form = await readForm(req);
    if (form.get('username') !== DEMO_USER.username || form.get('password') !== DEMO_USER.password) {
      send(
        401,
        { 'Content-Type': 'text/html; charset=utf-8' },
        page('Log in', loginForm('/login', 'Wrong user name or password.')),
      );
      return;
    }
    // The classic fixation mistake: the session key is NOT changed at login; identity goes in a plain cookie.
    send(303, { Location: '/account', 'Set-Cookie': ['user_id=42; Path=/', 'role=admin; Path=/'] });
    return;
  }
  const headers = { 'Content-Type': 'text/html; charset=utf-8', 'Set-Cookie': setCookies };
  switch (url.pathname) {
    case '/login':
      send(200, headers, page('Legacy staging: log in', loginForm('/login')));
      return;
    case '/account':
      send(
        200,
        headers,
        page(
          'Legacy staging: your account',
          `<p>Signed in as user ${escapeHtml(cookies.get('user_id') ?? '?')}.</p>`,
        ),
      );
      return;
    case '/prefs':
      // A page that sets one more cookie: tests stop the worker before visiting it.
      headers['Set-Cookie'].push(`prefs=${token(8)}; Path=/; Max-Age=604800`);
      send(200, headers, page('Legacy staging: preferences', '<p>Preferences saved.</p>'));
      return;
    case '/slow':
      // Answers after 2 s: tests close the tab while this response is in flight.
      await new Promise((r) => setTimeout(r, 2_000));
      headers['Set-Cookie'].push(`slow_cookie=${token(8)}; Path=/`);
      send(200, headers, page('Legacy staging: slow page', '<p>Slow.</p>'));
      return;
    case '/hostile':
      // Markup in cookie names and values: the extension must render it as text.
      headers['Set-Cookie'].push(
        '<script>alert(1)</script>=1; Path=/',
        'markup=<img src=x onerror=alert(2)>; Path=/',
      );
      send(200, headers, page('Legacy staging: hostile cookie names', '<p>Cookies with markup in them.</p>'));
      return;
    case '/embed':
      send(
        200,
        headers,
        page(
          'Legacy staging: page with a third-party widget',
          `<iframe title="widget" src="https://${DEMO_HOSTS.widgets}:${ports.https}/widget" width="300" height="80"></iframe>`,
        ),
      );
      return;
    default:
      break;
  }
  if (url.pathname.startsWith('/shop')) {
    send(
      200,
      headers,
      page('Legacy staging: shop (session id in the URL)', '<p>The session id travels in the URL.</p>'),
    );
    return;
  }
  if (url.pathname !== '/') {
    send(404, { 'Content-Type': 'text/plain' }, 'not found');
    return;
  }
  send(
    200,
    headers,
    page(
      'Legacy staging',
      `<p>Plain HTTP, a session cookie without flags, a cookie with SameSite=None but no Secure,
and a cookie set from JavaScript.</p><p><a href="/login">Log in</a> · <a href="/embed">Widget</a></p>`,
      `document.cookie = "ui_theme=dark; path=/; max-age=86400";`,
    ),
  );
};
