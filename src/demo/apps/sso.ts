/**
 * app.staging.test and sso.staging.test: an app whose login is single sign-on on a second host, in
 * two steps (user name, then password), back to the app with a one-time code.
 */
import { DEMO_HOSTS, DEMO_SSO_USER } from '../hosts.ts';
import { cookiesOf, type DemoApp, HSTS_TWO_YEARS as HSTS, page, readForm, token } from '../http.ts';

/** One-time codes of the SSO host, redeemed by the app's callback. */
const ssoCodes = new Set<string>();

/**
 * app.staging.test: its session cookie exists before login (anonymous) and, the classic mistake,
 * is kept when the single sign-on callback logs the user in (session fixation).
 */
export const ssoClientApp: DemoApp = async (req, send, ports) => {
  const url = new URL(req.url ?? '/', 'https://app');
  const cookies = cookiesOf(req);
  const setCookies: string[] = [];
  if (!cookies.has('app_session'))
    setCookies.push(`app_session=${token(32)}; Path=/; Secure; HttpOnly; SameSite=Lax`);
  const headers = { 'Content-Type': 'text/html; charset=utf-8', ...HSTS, 'Set-Cookie': setCookies };
  if (url.pathname === '/callback') {
    const code = url.searchParams.get('code') ?? '';
    if (!ssoCodes.delete(code)) {
      send(400, headers, page('App staging: bad sign-in', '<p>Unknown code.</p>'));
      return;
    }
    setCookies.push('app_user=alice; Path=/; Secure; SameSite=Lax');
    send(302, { ...headers, Location: '/account' });
    return;
  }
  if (url.pathname === '/account') {
    if (cookies.get('app_user') !== 'alice') {
      const back = encodeURIComponent(`https://${DEMO_HOSTS.app}:${ports.https}/callback`);
      send(302, {
        ...headers,
        Location: `https://${DEMO_HOSTS.sso}:${ports.https}/authorize?return=${back}`,
      });
      return;
    }
    send(200, headers, page('App staging: your account', '<p id="who">Signed in as alice.</p>'));
    return;
  }
  send(200, headers, page('App staging', '<p><a href="/account">Your account</a> (single sign-on)</p>'));
};

/** sso.staging.test: two steps, user name then password, then a code back to the app. */
export const ssoApp: DemoApp = async (req, send, ports) => {
  const url = new URL(req.url ?? '/', 'https://sso');
  const returnTo = url.searchParams.get('return') ?? '';
  const okReturn = returnTo.startsWith(`https://${DEMO_HOSTS.app}:${ports.https}/`);
  const headers = { 'Content-Type': 'text/html; charset=utf-8', ...HSTS };
  const q = `?return=${encodeURIComponent(returnTo)}`;
  if (url.pathname === '/authorize') {
    send(
      200,
      headers,
      page(
        'Single sign-on: step 1',
        `<form method="post" action="/identify${q}"><label>User <input id="user" name="username"></label><button id="next" type="submit">Next</button></form>`,
      ),
    );
    return;
  }
  if (url.pathname === '/identify' && req.method === 'POST') {
    const form = await readForm(req);
    send(
      200,
      { ...headers, 'Set-Cookie': [`sso_flow=${token(16)}; Path=/; Secure; HttpOnly; SameSite=Lax`] },
      page(
        'Single sign-on: step 2',
        `<p>Hello ${form.get('username') === DEMO_SSO_USER.username ? 'alice' : 'stranger'}.</p><form method="post" action="/password${q}"><input type="hidden" name="username" value="${form.get('username') === DEMO_SSO_USER.username ? 'alice' : ''}"><label>Password <input id="password" type="password" name="password"></label><button id="signin" type="submit">Sign in</button></form>`,
      ),
    );
    return;
  }
  if (url.pathname === '/password' && req.method === 'POST') {
    const form = await readForm(req);
    if (
      form.get('username') !== DEMO_SSO_USER.username ||
      form.get('password') !== DEMO_SSO_USER.password ||
      !okReturn
    ) {
      send(
        401,
        headers,
        page('Single sign-on: wrong password', '<p role="alert">Wrong user name or password.</p>'),
      );
      return;
    }
    const code = token(12);
    ssoCodes.add(code);
    send(302, { ...headers, Location: `${returnTo}?code=${code}` });
    return;
  }
  send(404, { 'Content-Type': 'text/plain' }, 'not found');
};
