import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../../helpers/site.ts';
import { VALUES } from '../../../helpers/values.ts';

const RULE = 'session-client-readable';

describe(RULE, () => {
  it('flags a Flask session whose payload keys identify the user (low), listing key names only', () => {
    const f = findingsOf(RULE, [`session=${VALUES.flask}; HttpOnly; Path=/`]);
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('low');
    expect(f[0].evidence).toContain('keys: _fresh, _user_id, csrf_token');
  });

  it('reports readable payloads without identifying keys as info', () => {
    expect(
      findingsOf(RULE, [
        `token=${VALUES.jwt.replace(/\..*?\./, `.${Buffer.from('{"exp":1}').toString('base64url')}.`)}`,
      ])[0].severity,
    ).toBe('info');
  });

  it('flags JWTs, cookie-session and Django signed_cookies sessions', () => {
    expect(findingsOf(RULE, [`auth_token=${VALUES.jwt}`])).toHaveLength(1);
    expect(
      findingsOf(RULE, [`session=${VALUES.cookieSession}`, 'session.sig=abcdefghijklmnopqrstuvwxyz1']),
    ).toHaveLength(1);
    expect(findingsOf(RULE, [`sessionid=${VALUES.djangoSigned}`])).toHaveLength(1);
  });

  it('exempts encrypted sessions (Rails, Laravel, NextAuth JWE) and opaque identifiers', () => {
    expect(findingsOf(RULE, [`_shop_session=${VALUES.railsEncrypted}`])).toEqual([]);
    expect(findingsOf(RULE, [`laravel_session=${VALUES.laravelEncrypted}`])).toEqual([]);
    expect(findingsOf(RULE, [`__Secure-next-auth.session-token=${VALUES.jwe}`])).toEqual([]);
    expect(findingsOf(RULE, [`sessionid=${VALUES.django}`])).toEqual([]);
  });
});
