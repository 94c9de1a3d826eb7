import { DEMO_HOSTS, DEMO_USER } from '../hosts.ts';
import { cookiesOf, type DemoApp, loginForm, page, readForm, token } from '../http.ts';

/** secure.staging.test and friends: HTTPS apps, hardened to different degrees. */
export function secureApp(kind: 'secure' | 'nohsts' | 'shorthsts'): DemoApp {
  return async (req, send) => {
    const url = new URL(req.url ?? '/', 'https://secure');
    const cookies = cookiesOf(req);
    const hsts: Record<string, string> =
      kind === 'secure'
        ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains; preload' }
        : kind === 'shorthsts'
          ? { 'Strict-Transport-Security': 'max-age=300' }
          : {};
    const sessionName = kind === 'secure' ? '__Host-sid' : 'sid';
    const sessionLine = (value: string) =>
      kind === 'secure'
        ? `__Host-sid=${value}; Path=/; Secure; HttpOnly; SameSite=Strict`
        : `sid=${value}; Path=/; Secure; HttpOnly; SameSite=Lax`;
    const setCookies: string[] = [];
    if (!cookies.has(sessionName)) setCookies.push(sessionLine(token(32)));
    if (kind === 'secure' && !cookies.has('__Host-csrf')) {
      setCookies.push(`__Host-csrf=${token(24)}; Path=/; Secure; SameSite=Strict`);
    }
    if (url.pathname === '/login' && req.method === 'POST') {
      const form = await readForm(req);
      if (form.get('username') !== DEMO_USER.username || form.get('password') !== DEMO_USER.password) {
        send(
          401,
          { 'Content-Type': 'text/html; charset=utf-8', ...hsts },
          page('Log in', loginForm('/login', 'Wrong user name or password.')),
        );
        return;
      }
      // Done right: a brand-new session id at login (no fixation).
      send(303, { Location: '/account', 'Set-Cookie': [sessionLine(token(32))], ...hsts });
      return;
    }
    const headers = { 'Content-Type': 'text/html; charset=utf-8', 'Set-Cookie': setCookies, ...hsts };
    if (url.pathname === '/login') {
      send(200, headers, page('Secure staging: log in', loginForm('/login')));
      return;
    }
    if (url.pathname === '/account') {
      send(200, headers, page('Secure staging: your account', '<p>Signed in.</p>'));
      return;
    }
    if (url.pathname !== '/') {
      send(404, { 'Content-Type': 'text/plain', ...hsts }, 'not found');
      return;
    }
    const title =
      kind === 'secure'
        ? 'Secure staging'
        : kind === 'nohsts'
          ? 'Staging without HSTS'
          : 'Staging with short HSTS';
    send(
      200,
      headers,
      page(
        title,
        `<p>Session cookie <code>${sessionName}</code> with Secure, HttpOnly and SameSite.</p><p><a href="/login">Log in</a></p>`,
      ),
    );
  };
}

/** Plain HTTP on secure.staging.test answers with a redirect to HTTPS on the same host: done right. */
export const secureHttpRedirect: DemoApp = async (req, send, ports) => {
  send(301, { Location: `https://${DEMO_HOSTS.secure}:${ports.https}${req.url ?? '/'}` });
};
