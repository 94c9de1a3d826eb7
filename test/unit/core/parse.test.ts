import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCookieDate, parseSetCookie } from '../../../src/core/index.ts';
import { parseCookieDateAlgorithm } from '../../../src/core/parse.ts';

describe('parseSetCookie: RFC 6265bis section 5.6', () => {
  it('splits name and value at the first "=" and attributes at ";"', () => {
    const p = parseSetCookie('sid=a=b=c; Path=/; Secure');
    expect(p.name).toBe('sid');
    expect(p.value).toBe('a=b=c');
    expect(p.attributes.map((a) => a.name)).toEqual(['Path', 'Secure']);
    expect(p.secure).toBe(true);
  });

  it('matches attribute names case-insensitively (the Observatory #513 HttpOnly case)', () => {
    const p = parseSetCookie('ASPSESSIONIDQQ=x; secure; path=/; HTTPONLY; SAMESITE=lAx');
    expect(p.httpOnly).toBe(true);
    expect(p.secure).toBe(true);
    expect(p.sameSite).toBe('lax');
    expect(p.path).toBe('/');
    expect(parseSetCookie('a=b; hTtPoNlY').httpOnly).toBe(true);
  });

  it('trims SP and HTAB around names, values and attributes, but nothing else', () => {
    const p = parseSetCookie(' \t sid \t=\t abc \t;  Path \t= /app \t;\tSecure \t');
    expect(p.name).toBe('sid');
    expect(p.value).toBe('abc');
    expect(p.path).toBe('/app');
    expect(p.secure).toBe(true);
    // U+00A0 is not WSP: it stays part of the value.
    expect(parseSetCookie('a=\u00a0b').value).toBe('\u00a0b');
  });

  it('accepts a whole header line (the field name is dropped)', () => {
    expect(parseSetCookie('Set-Cookie: sid=1; Secure').name).toBe('sid');
    expect(parseSetCookie('set-cookie:sid=1').name).toBe('sid');
  });

  it('lets the last occurrence of an attribute win', () => {
    const p = parseSetCookie(
      'a=b; Path=/one; Path=/two; SameSite=Strict; SameSite=Lax; Max-Age=10; Max-Age=20; Domain=x.example.com; Domain=example.com',
    );
    expect(p.path).toBe('/two');
    expect(p.sameSite).toBe('lax');
    expect(p.maxAge).toBe(20);
    expect(p.domain).toBe('example.com');
    // An unknown last SameSite value resets enforcement to the default, even after a valid one.
    const q = parseSetCookie('a=b; SameSite=Strict; SameSite=Bogus');
    expect(q.sameSite).toBe('invalid');
    expect(q.sameSiteRaw).toBe('Bogus');
  });

  it('keeps both Max-Age and Expires so that Max-Age can take precedence', () => {
    const p = parseSetCookie('a=b; Max-Age=60; Expires=Wed, 21 Oct 2015 07:28:00 GMT');
    expect(p.maxAge).toBe(60);
    expect(p.expires).toBe(Date.UTC(2015, 9, 21, 7, 28, 0));
  });

  it('ignores an unparseable Expires (it does not make a deletion)', () => {
    const p = parseSetCookie('a=b; Expires=tomorrow');
    expect(p.expires).toBeUndefined();
    expect(p.expiresUnparseable).toBe(true);
    expect(p.attributes[0].ignored).toBe('invalid-value');
    // The last Expires wins even when it cannot be parsed (Chromium 156 and Firefox 153): the
    // cookie becomes a session cookie.
    const q = parseSetCookie('a=b; Expires=Wed, 21 Oct 2015 07:28:00 GMT; Expires=soon');
    expect(q.expires).toBeUndefined();
    expect(q.expiresUnparseable).toBe(true);
    const r = parseSetCookie('a=b; Expires=soon; Expires=Wed, 21 Oct 2015 07:28:00 GMT');
    expect(r.expires).toBe(Date.UTC(2015, 9, 21, 7, 28, 0));
    expect(r.expiresUnparseable).toBe(false);
    expect(parseSetCookie('a=b; Expires=Wed, 21 Oct 2015 07:28:00 GMT; Expires=').expires).toBeUndefined();
  });

  it('reads Max-Age as Chromium does: digits, optionally one leading "-" or "+"', () => {
    expect(parseSetCookie('a=b; Max-Age=0').maxAge).toBe(0);
    expect(parseSetCookie('a=b; Max-Age=-5').maxAge).toBe(-5);
    expect(parseSetCookie('a=b; Max-Age=3600').maxAge).toBe(3600);
    expect(parseSetCookie('a=b; Max-Age=+5').maxAge).toBe(5);
    for (const bad of ['', '1e3', '12a', '-', ' ', '3.5', '--1', '+']) {
      expect(parseSetCookie(`a=b; Max-Age=${bad}`).maxAge).toBeUndefined();
    }
  });

  it('lets the last Max-Age win even when it is empty or invalid', () => {
    expect(parseSetCookie('a=b; Max-Age=100; Max-Age=').maxAge).toBeUndefined();
    expect(parseSetCookie('a=b; Max-Age=100; Max-Age=abc').maxAge).toBeUndefined();
    expect(parseSetCookie('a=b; Max-Age=abc; Max-Age=100').maxAge).toBe(100);
  });

  it('reads a Max-Age too large for a double as a very long lifetime, not as garbage', () => {
    expect(parseSetCookie(`a=b; Max-Age=1${'0'.repeat(400)}`).maxAge).toBe(Number.POSITIVE_INFINITY);
    expect(parseSetCookie('a=b; Max-Age=99999999999999999999999999').maxAge).toBeGreaterThan(1e25);
  });

  it('turns a line without "=" into a nameless cookie: the first item is its value', () => {
    const p = parseSetCookie('secure; httponly');
    expect(p.nameless).toBe(true);
    expect(p.name).toBe('');
    expect(p.value).toBe('secure');
    expect(p.secure).toBe(false);
    expect(p.httpOnly).toBe(true);
    const q = parseSetCookie('=abc; Path=/');
    expect(q.nameless).toBe(true);
    expect(q.value).toBe('abc');
  });

  it('ignores attribute values over 1024 octets, counting UTF-8 bytes', () => {
    const long = `/${'a'.repeat(1024)}`;
    const p = parseSetCookie(`a=b; Path=${long}; Secure`);
    expect(p.path).toBeUndefined();
    expect(p.oversizeAttributes).toEqual(['Path']);
    expect(p.secure).toBe(true);
    expect(parseSetCookie(`a=b; Path=/${'a'.repeat(1023)}`).path).toHaveLength(1024);
    // 342 × "€" = 1026 octets although only 342 characters.
    const euro = parseSetCookie(`a=b; Domain=${'€'.repeat(342)}`);
    expect(euro.domain).toBeUndefined();
    expect(euro.oversizeAttributes).toEqual(['Domain']);
  });

  it('measures name + value in octets', () => {
    expect(parseSetCookie(`n=${'v'.repeat(4095)}`).nameValueBytes).toBe(4096);
    expect(parseSetCookie(`n=${'é'.repeat(2048)}`).nameValueBytes).toBe(1 + 4096);
    expect(parseSetCookie('n=😀').nameValueBytes).toBe(5);
  });

  it('flags control characters other than HTAB', () => {
    expect(parseSetCookie('a=b\u0001c').controlCharacter).toBe(true);
    expect(parseSetCookie('a=b; Path=/\u007f').controlCharacter).toBe(true);
    expect(parseSetCookie('a=b\r\nSet-Cookie: c=d').controlCharacter).toBe(true);
    expect(parseSetCookie('a=b\tc').controlCharacter).toBe(false);
  });

  it('strips one leading dot from Domain, lower-cases it; the last Domain wins, even an empty one', () => {
    expect(parseSetCookie('a=b; Domain=.Example.COM').domain).toBe('example.com');
    expect(parseSetCookie('a=b; Domain=.Example.COM').domainAttribute).toBe('.Example.COM');
    expect(parseSetCookie('a=b; Domain=').domain).toBeUndefined();
    // "." leaves nothing a host can match: the browser refuses the cookie (see observe).
    expect(parseSetCookie('a=b; Domain=.').domain).toBe('');
    expect(parseSetCookie('a=b; Domain=example.com; Domain=').domain).toBeUndefined();
    expect(parseSetCookie('a=b; Domain=; Domain=example.com').domain).toBe('example.com');
  });

  it('uses the default path for an empty Path or one not starting with "/", but records the attribute', () => {
    const p = parseSetCookie('a=b; Path=app');
    expect(p.path).toBeUndefined();
    expect(p.pathAttribute).toBe(true);
    expect(parseSetCookie('a=b; Path=').pathAttribute).toBe(true);
    expect(parseSetCookie('a=b').pathAttribute).toBe(false);
  });

  it('reads SameSite values case-insensitively and flags anything else as invalid', () => {
    expect(parseSetCookie('a=b; SameSite=NONE').sameSite).toBe('none');
    expect(parseSetCookie('a=b; SameSite=strict').sameSite).toBe('strict');
    expect(parseSetCookie('a=b').sameSite).toBe('unspecified');
    expect(parseSetCookie('a=b; SameSite').sameSite).toBe('invalid');
    expect(parseSetCookie('a=b; SameSite=').sameSiteRaw).toBe('');
    expect(parseSetCookie('a=b; SameSite=true').sameSiteRaw).toBe('true');
  });

  it('records Partitioned and keeps unknown attributes as ignored', () => {
    const p = parseSetCookie('a=b; Partitioned; Priority=High');
    expect(p.partitioned).toBe(true);
    expect(p.attributes[1]).toMatchObject({ key: 'priority', ignored: 'unknown-attribute' });
  });

  it('skips empty cookie-avs', () => {
    expect(parseSetCookie('a=b;; ;Secure').attributes.map((a) => a.key)).toEqual(['secure']);
  });
});

describe('parseCookieDate: RFC 6265bis section 5.1.1', () => {
  const oct21 = Date.UTC(2015, 9, 21, 7, 28, 0);
  it.each([
    ['Wed, 21 Oct 2015 07:28:00 GMT', oct21],
    ['Wednesday, 21-Oct-15 07:28:00 GMT', oct21],
    ['Wed Oct 21 07:28:00 2015', oct21],
    ['21 Oct 2015 07:28:00', oct21],
    ['2015 21 october 7:28:0', oct21],
    ['Wed, 21 Oct 2015 07:28:00 +0200', oct21],
    ['Thu, 01 Jan 70 00:00:00 GMT', 0],
    ['Fri, 01 Jan 69 00:00:00 GMT', Date.UTC(2069, 0, 1)],
    ['Sat, 29 Feb 2020 12:00:00 GMT', Date.UTC(2020, 1, 29, 12)],
  ])('parses %s', (text, expected) => {
    expect(parseCookieDate(text)).toBe(expected);
  });

  it.each([
    'tomorrow',
    '',
    'Wed, 31 Feb 2015 07:28:00 GMT',
    'Sun, 29 Feb 2015 07:28:00 GMT',
    'Wed, 21 Oct 2015 24:00:00 GMT',
    'Wed, 21 Oct 2015 07:60:00 GMT',
    'Wed, 21 Oct 2015 07:28:60 GMT',
    'Wed, 00 Oct 2015 07:28:00 GMT',
    'Wed, 21 Oct 2015',
    'Wed, 21 Foo 2015 07:28:00 GMT',
    'Wed, 21 Oct 201555 07:28:00 GMT',
  ])('rejects %j', (text) => {
    expect(parseCookieDate(text)).toBeNull();
  });

  it('clamps years outside 1601–9999 and reads five-digit years, as Chromium does', () => {
    expect(parseCookieDate('Wed, 21 Oct 1600 07:28:00 GMT')).toBe(Date.UTC(1601, 9, 21, 7, 28, 0));
    expect(parseCookieDate('Wed, 21 Oct 100 07:28:00 GMT')).toBe(Date.UTC(1601, 9, 21, 7, 28, 0));
    expect(parseCookieDate('Wed, 21 Oct 10000 07:28:00 GMT')).toBe(Date.UTC(9999, 9, 21, 7, 28, 0));
    expect(parseCookieDate('Wed, 21 Oct 99999 07:28:00 GMT')).toBe(Date.UTC(9999, 9, 21, 7, 28, 0));
    // A five-digit year with a leading zero is that year.
    expect(parseCookieDate('Wed, 21 Oct 02026 07:28:00 GMT')).toBe(Date.UTC(2026, 9, 21, 7, 28, 0));
  });

  it('reads time fields with more than two digits, as Chromium does', () => {
    expect(parseCookieDate('Wed, 21 Oct 2015 007:28:00 GMT')).toBe(Date.UTC(2015, 9, 21, 7, 28, 0));
    expect(parseCookieDate('Wed, 21 Oct 2015 07:28:001 GMT')).toBe(Date.UTC(2015, 9, 21, 7, 28, 1));
  });
});

describe('parseCookieDate fast path', () => {
  it('agrees with the full algorithm on IMF-fixdate-shaped input (fast-check)', () => {
    const two = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'));
    const word = fc.constantFrom('Mon', 'Tue', 'Wed', 'Jan', 'Mar', 'Dec', 'xyz', 'MAY', 'sep');
    const date = fc
      .tuple(word, two, word, fc.integer({ min: 1500, max: 9999 }), two, two, two)
      .map(([wd, d, mo, y, h, mi, s]) => `${wd}, ${d} ${mo} ${y} ${h}:${mi}:${s} GMT`);
    fc.assert(
      fc.property(date, (text) => {
        expect(parseCookieDate(text)).toBe(parseCookieDateAlgorithm(text));
      }),
      { numRuns: 5000 },
    );
  });
});
