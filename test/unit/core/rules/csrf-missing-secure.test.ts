import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../../helpers/site.ts';

const RULE = 'csrf-missing-secure';

describe(RULE, () => {
  it("flags Django's default CSRF cookie on HTTPS (medium; low with HSTS)", () => {
    const line =
      'csrftoken=AbCdEfGhIjKlMnOpQrStUvWxYz012345; expires=Mon, 01 Jun 2026 12:00:00 GMT; Max-Age=31449600; Path=/; SameSite=Lax';
    expect(findingsOf(RULE, [line])[0].severity).toBe('medium');
    expect(findingsOf(RULE, [line], { hsts: 'max-age=31536000' })[0].severity).toBe('low');
  });

  it('does not flag a Secure CSRF cookie, a plain-HTTP page or a non-CSRF cookie', () => {
    expect(findingsOf(RULE, ['XSRF-TOKEN=abc123; Path=/; Secure; SameSite=Lax'])).toEqual([]);
    expect(findingsOf(RULE, ['XSRF-TOKEN=abc123; Path=/'], { url: 'http://app.example.com/' })).toEqual([]);
    expect(findingsOf(RULE, ['lang=en'])).toEqual([]);
  });
});
