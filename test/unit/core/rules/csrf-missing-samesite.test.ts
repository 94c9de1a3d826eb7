import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../../helpers/site.ts';

const RULE = 'csrf-missing-samesite';

describe(RULE, () => {
  it('flags anti-CSRF cookies without SameSite, including XSRF-TOKEN (an Observatory gap)', () => {
    expect(findingsOf(RULE, ['XSRF-TOKEN=abc123; Path=/; Secure'])).toHaveLength(1);
    expect(findingsOf(RULE, ['csrftoken=AbCdEfGhIjKlMnOpQrStUvWxYz012345; Path=/; Secure'])[0].severity).toBe(
      'medium',
    );
  });

  it('does not flag a CSRF cookie with SameSite, nor a missing HttpOnly on it', () => {
    expect(findingsOf(RULE, ['XSRF-TOKEN=abc123; Path=/; Secure; SameSite=Strict'])).toEqual([]);
    expect(findingsOf(RULE, ['sessionid=k3j4h5g6f7d8s9a0q1w2e3r4t5y6u7i8; Secure; HttpOnly'])).toEqual([]);
  });
});
