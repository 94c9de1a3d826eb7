import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../../helpers/site.ts';

const RULE = 'prefix-http-invalid';

// Each case was checked against Chromium 156: the lines flagged here are the ones it refuses to store.
describe(RULE, () => {
  it.each([
    ['__Http-sid=12345; Secure; Path=/', 'no HttpOnly attribute'],
    ['__http-sid=12345; Secure; Path=/', 'no HttpOnly attribute'],
    ['__Http-sid=12345; HttpOnly; Path=/', 'no Secure attribute'],
    ['__Http-sid=12345; Path=/', 'no HttpOnly attribute; no Secure attribute'],
    ['__Host-Http-sid=12345; Secure; Path=/', 'no HttpOnly attribute'],
    ['__HOST-HTTP-sid=12345; Secure; Path=/; SameSite=Lax', 'no HttpOnly attribute'],
  ])('flags %j (%s)', (line, why) => {
    const f = findingsOf(RULE, [line]);
    expect(f).toHaveLength(1);
    expect(f[0].evidence).toContain(why);
  });

  it('flags a nameless cookie whose value poses as __Http- or __Host-Http-', () => {
    expect(findingsOf(RULE, ['__Http-x; Secure; HttpOnly; Path=/'])).toHaveLength(1);
    expect(findingsOf(RULE, ['=__Host-Http-x; Secure; HttpOnly; Path=/'])).toHaveLength(1);
  });

  it('flags __Http- set from an insecure origin', () => {
    const f = findingsOf(RULE, ['__Http-sid=1; Secure; HttpOnly; Path=/'], {
      url: 'http://app.example.com/',
    });
    expect(f).toHaveLength(1);
    expect(f[0].evidence).toContain('insecure (http://) origin');
  });

  it('leaves the __Host- half of __Host-Http- to prefix-host-invalid', () => {
    const line = '__Host-Http-sid=1; HttpOnly; Domain=app.example.com; Path=/';
    expect(findingsOf(RULE, [line])).toEqual([]);
    expect(findingsOf('prefix-host-invalid', [line])).toHaveLength(1);
  });

  it('accepts correct __Http- and __Host-Http- cookies, and names that only look alike', () => {
    expect(findingsOf(RULE, ['__Http-sid=12345; Secure; HttpOnly; Path=/; SameSite=Lax'])).toEqual([]);
    expect(findingsOf(RULE, ['__Host-Http-sid=12345; Secure; HttpOnly; Path=/'])).toEqual([]);
    expect(
      findingsOf(RULE, ['__Http-sid=1; Secure; HttpOnly; Path=/'], { url: 'http://127.0.0.1:8080/' }),
    ).toEqual([]);
    expect(findingsOf(RULE, ['__Httpx-sid=1; Path=/', 'http-sid=1', '__Host-sid=1; Secure; Path=/'])).toEqual(
      [],
    );
  });
});
