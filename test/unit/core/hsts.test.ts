import { describe, expect, it } from 'vitest';
import { parseHsts } from '../../../src/core/index.ts';

describe('parseHsts (RFC 6797 6.1)', () => {
  it('reads max-age, includeSubDomains and preload case-insensitively', () => {
    expect(parseHsts('max-age=63072000; includeSubDomains; preload')).toEqual({
      valid: true,
      maxAge: 63072000,
      includeSubDomains: true,
      preload: true,
      problems: [],
    });
    expect(parseHsts('MAX-AGE="31536000";INCLUDESUBDOMAINS')).toMatchObject({
      valid: true,
      maxAge: 31536000,
      includeSubDomains: true,
    });
    expect(parseHsts('  max-age=0 ')).toMatchObject({ valid: true, maxAge: 0 });
  });

  it.each([
    ['includeSubDomains', 'max-age is missing'],
    ['max-age=', 'max-age is not a number'],
    ['max-age', 'max-age has no value'],
    ['max-age=abc', 'max-age is not a number'],
    ["max-age='100'", 'max-age is not a number'],
    ['max-age=100, max-age=200', 'comma'],
    ['max-age=100; max-age=200', 'more than once'],
    ['max-age=100; includeSubDomains=yes', 'takes no value'],
    ['max-age=100\u201d', 'non-printable'],
  ])('%j is invalid (%s)', (header, problem) => {
    const p = parseHsts(header);
    expect(p.valid).toBe(false);
    expect(p.problems.join(' ')).toContain(problem);
  });

  it('ignores unknown directives and empty ones', () => {
    expect(parseHsts('max-age=10;; foo=bar')).toMatchObject({ valid: true, maxAge: 10 });
  });
});
