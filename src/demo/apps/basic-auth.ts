/** basic.staging.test: HTTP basic authentication on /, digest (RFC 7616, MD5, qop=auth) on /digest/. */
import { createHash, randomBytes } from 'node:crypto';
import { DEMO_HTTP_USER } from '../hosts.ts';
import { type DemoApp, HSTS_TWO_YEARS as HSTS, page, token } from '../http.ts';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const DIGEST_REALM = 'digest@basic.staging.test';
const DIGEST_NONCE = randomBytes(16).toString('hex');

function digestOk(header: string | undefined, method: string): boolean {
  if (!header?.startsWith('Digest ')) return false;
  const fields = new Map<string, string>();
  for (const m of header.slice(7).matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) fields.set(m[1], m[2] ?? m[3]);
  if (fields.get('username') !== DEMO_HTTP_USER.username || fields.get('nonce') !== DIGEST_NONCE)
    return false;
  const ha1 = md5(`${DEMO_HTTP_USER.username}:${DIGEST_REALM}:${DEMO_HTTP_USER.password}`);
  const ha2 = md5(`${method}:${fields.get('uri')}`);
  const expected = fields.get('qop')
    ? md5(`${ha1}:${DIGEST_NONCE}:${fields.get('nc')}:${fields.get('cnonce')}:${fields.get('qop')}:${ha2}`)
    : md5(`${ha1}:${DIGEST_NONCE}:${ha2}`);
  return fields.get('response') === expected;
}

/** basic.staging.test: HTTP basic authentication on /, digest on /digest/. */
export const basicAuthApp: DemoApp = async (req, send) => {
  const url = new URL(req.url ?? '/', 'https://basic');
  const cookie = (name: string) => `${name}=${token(32)}; Path=/; Secure; HttpOnly; SameSite=Strict`;
  if (url.pathname.startsWith('/digest')) {
    if (!digestOk(req.headers.authorization, req.method ?? 'GET')) {
      send(
        401,
        {
          'Content-Type': 'text/plain',
          ...HSTS,
          'WWW-Authenticate': `Digest realm="${DIGEST_REALM}", qop="auth", nonce="${DIGEST_NONCE}", algorithm=MD5`,
        },
        'digest authentication required',
      );
      return;
    }
    send(
      200,
      { 'Content-Type': 'text/html; charset=utf-8', ...HSTS, 'Set-Cookie': [cookie('digest_session')] },
      page('Digest staging', '<p>In.</p>'),
    );
    return;
  }
  const expected = `Basic ${Buffer.from(`${DEMO_HTTP_USER.username}:${DEMO_HTTP_USER.password}`).toString('base64')}`;
  if (req.headers.authorization !== expected) {
    send(
      401,
      { 'Content-Type': 'text/plain', ...HSTS, 'WWW-Authenticate': 'Basic realm="staging", charset="UTF-8"' },
      'authentication required',
    );
    return;
  }
  send(
    200,
    { 'Content-Type': 'text/html; charset=utf-8', ...HSTS, 'Set-Cookie': [cookie('basic_session')] },
    page('Basic-auth staging', '<p>In.</p>'),
  );
};
