import { describe, expect, it } from 'vitest';
import { analyzeValue, classifyCookie, detectFrameworks } from '../../../src/core/index.ts';
import { VALUES } from '../../helpers/values.ts';

const role = (name: string, value = VALUES.django, names?: string[]) =>
  classifyCookie({ name, value: analyzeValue(value) }, names ? { siteCookieNames: new Set(names) } : {}).role;

describe('classifyCookie', () => {
  it.each([
    'sessionid',
    'PHPSESSID',
    'JSESSIONID',
    'ASP.NET_SessionId',
    'ASPSESSIONIDQQGDTRSA',
    'connect.sid',
    'session',
    'laravel_session',
    'laravel-session',
    '_myshop_session',
    'myapp-session',
    '.AspNetCore.Session',
    '.AspNetCore.Cookies',
    '.AspNetCore.Identity.Application',
    '.ASPXAUTH',
    'next-auth.session-token',
    '__Secure-next-auth.session-token',
    '__Secure-next-auth.session-token.0',
    '__Secure-authjs.session-token',
    'SESSION',
    'sid',
    '__Host-sid',
    'auth_token',
    'remember_token',
    'access_token',
    'remember_web_59ba36addc2b2f9401580f014c7f58ea4e30989d',
    'wordpress_logged_in_0123456789abcdef',
  ])('%s is a session cookie', (name) => {
    expect(role(name)).toBe('session');
  });

  it.each([
    ['csrftoken', 'csrf'],
    ['XSRF-TOKEN', 'csrf'],
    ['_csrf', 'csrf'],
    ['__Host-next-auth.csrf-token', 'csrf'],
    ['__Host-authjs.csrf-token', 'csrf'],
    ['.AspNetCore.Antiforgery.VyLW6ORzMgk', 'csrf'],
    ['my_csrf_cookie', 'csrf'],
    ['AWSALB', 'infrastructure'],
    ['AWSALBCORS', 'infrastructure'],
    ['ARRAffinity', 'infrastructure'],
    ['ARRAffinitySameSite', 'infrastructure'],
    ['heroku-session-affinity', 'infrastructure'],
    ['__cf_bm', 'infrastructure'],
    ['__cfruid', 'infrastructure'],
    ['BIGipServerpool_web', 'infrastructure'],
    ['_ga', 'tracking'],
    ['_ga_ABC123', 'tracking'],
    ['_gid', 'tracking'],
    ['_fbp', 'tracking'],
    ['_twitter_sess', 'tracking'],
    ['taboola_session_id', 'tracking'],
    ['ai_session', 'tracking'],
    ['_hjSession_123456', 'tracking'],
    ['_hjSessionUser_123456', 'tracking'],
    ['_pk_ses.1.1fff', 'tracking'],
    ['MATOMO_SESSID', 'tracking'],
    ['intercom-session-abc123', 'tracking'],
  ])('%s is %s', (name, expected) => {
    expect(role(name)).toBe(expected);
  });

  it('does not take every long random value for a session (unlike ZAP authhelper)', () => {
    expect(role('prefs', VALUES.hex32)).toBe('other');
    expect(role('consider', VALUES.django)).toBe('other');
  });

  it('needs a second signal for a weak name token', () => {
    expect(role('token', 'x')).toBe('other');
    expect(role('api_token', 'x')).toBe('other');
    expect(role('auth_token', 'x')).toBe('session');
    expect(role('token', VALUES.jwt)).toBe('session');
    expect(role('my_auth', VALUES.hex32)).toBe('session');
  });

  it('classifies a cookie-session signature like the cookie it signs', () => {
    expect(role('app.sig', VALUES.django, ['app_session', 'app.sig'])).toBe('other');
    expect(role('usersess.sig', 'x', ['usersess', 'usersess.sig'])).toBe('other');
    expect(role('session.sig', 'x', ['session', 'session.sig'])).toBe('session');
  });

  it('never depends on attributes: only the name and the value shape', () => {
    const c = classifyCookie({ name: 'sessionid', value: analyzeValue(VALUES.django) });
    expect(c).toMatchObject({ role: 'session', confidence: 'high', framework: 'django', defaultName: true });
    expect(c.reasons[0]).toContain('sessionid');
  });

  it('does not call a generic name a framework default', () => {
    expect(classifyCookie({ name: 'sid', value: analyzeValue(VALUES.django) }).defaultName).toBeFalsy();
  });

  it('treats nameless cookies as other', () => {
    expect(classifyCookie({ name: '', nameless: true, value: analyzeValue('Secure') }).role).toBe('other');
  });
});

describe('detectFrameworks', () => {
  const fw = (cookies: [string, string][]) =>
    detectFrameworks(cookies.map(([name, value]) => ({ name, value: analyzeValue(value) })));

  it('fingerprints from names', () => {
    expect(
      fw([
        ['sessionid', VALUES.django],
        ['csrftoken', VALUES.django],
      ]),
    ).toEqual(['django']);
    expect(fw([['PHPSESSID', VALUES.php]])).toEqual(['php']);
    expect(fw([['JSESSIONID', VALUES.hex32]])).toEqual(['spring']);
    expect(fw([['connect.sid', VALUES.expressSigned]])).toEqual(['express']);
    expect(fw([['.AspNetCore.Cookies', VALUES.base64Binary]])).toEqual(['aspnet']);
    expect(fw([['__Secure-next-auth.session-token', VALUES.jwe]])).toEqual(['nextauth']);
  });

  it('fingerprints from value formats', () => {
    expect(fw([['session', VALUES.flask]])).toEqual(['flask']);
    expect(fw([['_shop_session', VALUES.railsEncrypted]])).toEqual(['rails']);
    expect(
      fw([
        ['myapp_session', VALUES.laravelEncrypted],
        ['XSRF-TOKEN', VALUES.laravelEncrypted],
      ]),
    ).toEqual(['laravel']);
    expect(fw([['XSRF-TOKEN', VALUES.uuid]])).toEqual(['spring']);
    expect(
      fw([
        ['session', VALUES.cookieSession],
        ['session.sig', 'abcdefghijklmnopqrstuvwxyz1'],
      ]),
    ).toEqual(['express']);
  });

  it('finds nothing in analytics cookies', () => {
    expect(
      fw([
        ['_ga', 'GA1.2.3.4'],
        ['prefs', 'dark'],
      ]),
    ).toEqual([]);
  });
});
