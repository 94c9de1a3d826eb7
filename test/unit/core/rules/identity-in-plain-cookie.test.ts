import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../../helpers/site.ts';
import { VALUES } from '../../../helpers/values.ts';

const RULE = 'identity-in-plain-cookie';

describe(RULE, () => {
  it.each([
    'user_id=123',
    'role=admin',
    'is_admin=true',
    'isAdmin=1',
    'uid=42; Path=/',
    'loggedIn=yes',
    'userRole=editor',
  ])('flags %s (high)', (line) => {
    const f = findingsOf(RULE, [line]);
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('high');
  });

  it('flags display identity such as username=alice or user=alice as medium', () => {
    expect(findingsOf(RULE, ['username=alice; Path=/'])[0].severity).toBe('medium');
    expect(findingsOf(RULE, ['user=alice; Path=/'])[0].severity).toBe('medium');
    expect(findingsOf(RULE, ['user=1042; Path=/'])[0].severity).toBe('high');
  });

  it('flags unsigned JSON or base64 JSON carrying privileges', () => {
    expect(findingsOf(RULE, ['prefs={"role":"admin","theme":"dark"}'])).toHaveLength(1);
    const b64 = Buffer.from('{"user_id":7,"is_admin":false}').toString('base64');
    expect(findingsOf(RULE, [`data=${b64}`])).toHaveLength(1);
  });

  it('does not flag signed or random values, signed cookie-session, or unrelated names', () => {
    expect(findingsOf(RULE, [`user_id=${VALUES.djangoSigned}`])).toEqual([]);
    expect(findingsOf(RULE, [`user_id=${VALUES.django}`])).toEqual([]);
    expect(
      findingsOf(RULE, [`session=${VALUES.cookieSession}`, 'session.sig=abcdefghijklmnopqrstuvwxyz1']),
    ).toEqual([]);
    expect(findingsOf(RULE, ['theme=dark', 'loggedIn='])).toEqual([]);
    expect(findingsOf(RULE, ['auth=eyJhbGciOi'])).toEqual([]);
  });
});
