import { describe, expect, it } from 'vitest';
import { audit, findingsOf } from '../../../helpers/site.ts';

const RULE = 'nameless-cookie';

describe(RULE, () => {
  it('reports `Set-Cookie: Secure; HttpOnly; SameSite=Strict` once, not as three missing attributes (ZAP #8613)', () => {
    const a = audit(['Secure; HttpOnly; SameSite=Strict']);
    expect(a.cookies).toHaveLength(1);
    expect(a.cookies[0].findings.map((f) => f.rule)).toEqual([RULE]);
    expect(a.cookies[0].findings[0].evidence).toContain('"Secure" is read as the value of a nameless cookie');
  });

  it('flags "=value" lines too', () => {
    expect(findingsOf(RULE, ['=abc; Path=/'])).toHaveLength(1);
  });

  it('does not flag named cookies', () => {
    expect(findingsOf(RULE, ['a=1; Secure'])).toEqual([]);
  });
});
