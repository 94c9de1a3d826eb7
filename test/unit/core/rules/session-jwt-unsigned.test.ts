import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../../helpers/site.ts';
import { VALUES } from '../../../helpers/values.ts';

const RULE = 'session-jwt-unsigned';

describe(RULE, () => {
  it('flags alg none and two-segment JWTs in session cookies', () => {
    const f = findingsOf(RULE, [`auth_token=${VALUES.jwtNone}; HttpOnly; Secure`]);
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('high');
    expect(f[0].evidence).toContain('claims: sub, role');
    expect(findingsOf(RULE, [`jwt=${VALUES.jwtTwoParts}`])).toHaveLength(1);
  });

  it('does not flag signed JWTs, JWEs or non-session cookies', () => {
    expect(findingsOf(RULE, [`auth_token=${VALUES.jwt}`])).toEqual([]);
    expect(findingsOf(RULE, [`__Secure-authjs.session-token=${VALUES.jwe}`])).toEqual([]);
    expect(findingsOf(RULE, [`_ga=${VALUES.jwtNone}`])).toEqual([]);
  });
});
