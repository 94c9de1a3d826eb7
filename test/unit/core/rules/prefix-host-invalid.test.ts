import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../../helpers/site.ts';

const RULE = 'prefix-host-invalid';

describe(RULE, () => {
  it.each([
    ['__Host-SID=12345; Secure', 'no Path attribute'],
    ['__Host-SID=12345; Secure; Domain=app.example.com; Path=/', 'has a Domain attribute'],
    ['__Host-SID=12345; Path=/', 'no Secure attribute'],
    ['__host-SID=12345; Secure; Path=/admin', 'Path is /admin'],
  ])('flags %j (%s)', (line, why) => {
    const f = findingsOf(RULE, [line]);
    expect(f).toHaveLength(1);
    expect(f[0].evidence).toContain(why);
  });

  it('flags __Host- set from an insecure origin', () => {
    expect(
      findingsOf(RULE, ['__Host-SID=1; Secure; Path=/'], { url: 'http://app.example.com/' }),
    ).toHaveLength(1);
  });

  it('accepts a correct __Host- cookie', () => {
    expect(findingsOf(RULE, ['__Host-SID=12345; Secure; Path=/; HttpOnly; SameSite=Strict'])).toEqual([]);
    expect(findingsOf(RULE, ['__Host-SID=12345; Secure; Path=/'], { url: 'http://127.0.0.1:8080/' })).toEqual(
      [],
    );
  });
});
