/**
 * Set-Cookie parsing per RFC 6265bis section 5.6 ("The Set-Cookie Header Field") and the
 * cookie-date algorithm of section 5.1.1. Written as the algorithm reads, with plain character
 * loops: no regular expressions, so no backtracking, and it never throws.
 */
import type { ParsedAttribute, ParsedSetCookie, SameSiteValue } from './types.ts';

/** Attribute values longer than this (octets) are ignored (RFC 6265bis 5.6 step 6 of the av loop). */
export const MAX_ATTRIBUTE_VALUE_BYTES = 1024;
/** Name + value longer than this (octets) make the browser ignore the whole line. */
export const MAX_NAME_VALUE_BYTES = 4096;

const SET_COOKIE_PREFIX = 'set-cookie:';

// Single character classes: linear, no backtracking, and far faster than a charCodeAt loop.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point (RFC 6265bis 5.6 step 1).
const CONTROL = /[\x00-\x08\x0A-\x1F\x7F]/;
const NON_ASCII = /[\u0080-\uFFFF]/;
/** Either of the above, or HTAB: one pass decides the common case (plain printable ASCII). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: see CONTROL.
const UNUSUAL = /[\x00-\x1F\x7F-\uFFFF]/;

/** Octets of the UTF-8 encoding of `s` (lone surrogates count as U+FFFD, 3 octets). */
export function utf8Length(s: string): number {
  if (!NON_ASCII.test(s)) return s.length;
  let n = 0;
  const len = s.length;
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/** %x00-08 / %x0A-1F / %x7F: control characters other than HTAB. */
export function hasControlCharacter(s: string): boolean {
  return CONTROL.test(s);
}

function isWsp(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/** Removes leading and trailing WSP (SP / HTAB) only, as the RFC says; String#trim removes more. */
export function trimWsp(s: string, start = 0, end = s.length): string {
  while (start < end && isWsp(s.charCodeAt(start))) start++;
  while (end > start && isWsp(s.charCodeAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/** Accepts a field value or a whole `Set-Cookie: …` line (the field name is dropped). */
export function stripFieldName(line: string): string {
  let i = 0;
  while (i < line.length && isWsp(line.charCodeAt(i))) i++;
  if (line.length - i < SET_COOKIE_PREFIX.length) return line;
  const c0 = line.charCodeAt(i) | 0x20;
  if (c0 !== 0x73) return line; // fast exit: does not start with "s"/"S"
  for (let k = 0; k < SET_COOKIE_PREFIX.length; k++) {
    let c = line.charCodeAt(i + k);
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    if (c !== SET_COOKIE_PREFIX.charCodeAt(k)) return line;
  }
  return line.slice(i + SET_COOKIE_PREFIX.length);
}

/** SameSite value of s[start:end], read in place. */
function sameSiteOf(s: string, start: number, end: number): SameSiteValue {
  switch (end - start) {
    case 3:
      return equalsCi(s, start, end, 'lax') ? 'lax' : 'invalid';
    case 4:
      return equalsCi(s, start, end, 'none') ? 'none' : 'invalid';
    case 6:
      return equalsCi(s, start, end, 'strict') ? 'strict' : 'invalid';
    default:
      return 'invalid';
  }
}

/** Max-Age value of s[start:end], read in place. */
function parseMaxAge(s: string, start: number, end: number): number | undefined {
  // "If the first character of the attribute-value is neither a DIGIT, nor a "-" character
  // followed by a DIGIT, ignore the cookie-av. If the remainder contains a non-DIGIT, ignore it."
  // Chromium (base::StringToInt64) also takes a leading "+" (checked in Chromium 156).
  if (end === start) return undefined;
  let i = start;
  let negative = false;
  const sign = s.charCodeAt(start);
  if (sign === 0x2d || sign === 0x2b) {
    negative = sign === 0x2d;
    i = start + 1;
  }
  if (i >= end) return undefined;
  let n = 0;
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return undefined;
    n = n * 10 + (c - 0x30);
  }
  return negative ? -n : n;
}

/** Firefox 153: no leading "+"; a lone "-" reads as 0 (the cookie is deleted). */
function parseMaxAgeFirefox(s: string, start: number, end: number): number | undefined {
  if (s.charCodeAt(start) === 0x2b) return undefined;
  if (end - start === 1 && s.charCodeAt(start) === 0x2d) return 0;
  return parseMaxAge(s, start, end);
}

/** Case-insensitive comparison of s[start:end] with a lower-case ASCII word, without slicing. */
function equalsCi(s: string, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let k = 0; k < word.length; k++) {
    let c = s.charCodeAt(start + k);
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    if (c !== word.charCodeAt(k)) return false;
  }
  return true;
}

const A_UNKNOWN = 0;
const A_EXPIRES = 1;
const A_MAX_AGE = 2;
const A_DOMAIN = 3;
const A_PATH = 4;
const A_SECURE = 5;
const A_HTTPONLY = 6;
const A_SAMESITE = 7;
const A_PARTITIONED = 8;

function attributeKind(s: string, start: number, end: number): number {
  switch (end - start) {
    case 4:
      return equalsCi(s, start, end, 'path') ? A_PATH : A_UNKNOWN;
    case 6:
      if (equalsCi(s, start, end, 'secure')) return A_SECURE;
      return equalsCi(s, start, end, 'domain') ? A_DOMAIN : A_UNKNOWN;
    case 7:
      if (equalsCi(s, start, end, 'expires')) return A_EXPIRES;
      return equalsCi(s, start, end, 'max-age') ? A_MAX_AGE : A_UNKNOWN;
    case 8:
      if (equalsCi(s, start, end, 'httponly')) return A_HTTPONLY;
      return equalsCi(s, start, end, 'samesite') ? A_SAMESITE : A_UNKNOWN;
    case 11:
      return equalsCi(s, start, end, 'partitioned') ? A_PARTITIONED : A_UNKNOWN;
    default:
      return A_UNKNOWN;
  }
}

const NO_ATTRIBUTES = Object.freeze([]) as unknown as ParsedAttribute[];

/** The parse result plus where the name-value pair ends (for evidence built from the line). */
export interface ParsedLine extends ParsedSetCookie {
  /** The line without any "Set-Cookie:" field name. */
  line: string;
  /** Index of the first ";" in `line` (or its length). */
  pairEnd: number;
  /**
   * Attributes the storage model does not use: unknown names, and a value given to a flag (Secure,
   * HttpOnly, Partitioned). Their text may be part of a value (a quoted value with a ";" in it), so
   * evidence leaves them out.
   */
  opaqueAttributes: number;
  /** HTAB inside the name or the value (not around them): Chromium refuses the line. */
  tabInNameValue: boolean;
}

/**
 * Parses a Set-Cookie field value. Never throws; a line the browser would ignore is still parsed
 * as far as possible, with the reason flagged (controlCharacter, nameValueBytes, …) so that the
 * audit can say why.
 */
export function parseSetCookie(input: string): ParsedSetCookie {
  const {
    line: _line,
    pairEnd: _pairEnd,
    opaqueAttributes: _opaque,
    tabInNameValue: _tab,
    ...parsed
  } = parseLine(input, true);
  return parsed;
}

/**
 * The parsing core. `collect` fills `attributes` (every cookie-av in order); the audit's hot path
 * passes false and reads only the effective values.
 */
export function parseLine(input: string, collect: boolean, firefox = false): ParsedLine {
  const line = typeof input === 'string' ? stripFieldName(input) : '';
  const unusual = UNUSUAL.test(line);
  const controlCharacter = unusual && CONTROL.test(line);
  const semi = line.indexOf(';');
  const pairEnd = semi === -1 ? line.length : semi;
  const eq = line.indexOf('=');
  let name: string;
  let value: string;
  let nameless: boolean;
  if ((eq === -1 || eq > pairEnd) && firefox) {
    // Firefox reads a pair without "=" as a name with an empty value ("Secure" is a cookie named
    // Secure), measured in Firefox 153.
    name = trimWsp(line, 0, pairEnd);
    value = '';
    nameless = name.length === 0;
  } else if (eq === -1 || eq > pairEnd) {
    // "If the name-value-pair string lacks a "=" character, then the name string is empty, and the
    // value string is the value of name-value-pair."
    name = '';
    value = trimWsp(line, 0, pairEnd);
    nameless = true;
  } else {
    name = trimWsp(line, 0, eq);
    value = trimWsp(line, eq + 1, pairEnd);
    // "=value" also stores a cookie with an empty name.
    nameless = name.length === 0;
  }

  // Without `collect` nobody reads the list: share one empty, frozen array instead of a new one.
  const attributes: ParsedAttribute[] = collect ? [] : NO_ATTRIBUTES;
  const oversizeAttributes: string[] = [];
  let secure = false;
  let httpOnly = false;
  let partitioned = false;
  let sameSite: SameSiteValue = 'unspecified';
  let sameSiteRaw: string | undefined;
  let domain: string | undefined;
  let domainAttribute: string | undefined;
  let path: string | undefined;
  let pathAttribute = false;
  let maxAge: number | undefined;
  let expires: number | undefined;
  let expiresUnparseable = false;

  let opaqueAttributes = 0;
  let pos = pairEnd;
  const len = line.length;
  while (pos < len) {
    // Discard the ";" and take the cookie-av up to the next ";".
    let start = pos + 1;
    let end = line.indexOf(';', start);
    if (end === -1) end = len;
    pos = end;
    while (start < end && isWsp(line.charCodeAt(start))) start++;
    let avEq = -1;
    for (let k = start; k < end; k++) {
      if (line.charCodeAt(k) === 0x3d) {
        avEq = k;
        break;
      }
    }
    let nameEnd = avEq === -1 ? end : avEq;
    while (nameEnd > start && isWsp(line.charCodeAt(nameEnd - 1))) nameEnd--;
    if (nameEnd === start && avEq === -1) continue; // empty cookie-av ("a=b;; Secure")
    const kind = attributeKind(line, start, nameEnd);
    if (
      kind === A_UNKNOWN ||
      (avEq !== -1 && (kind === A_SECURE || kind === A_HTTPONLY || kind === A_PARTITIONED))
    )
      opaqueAttributes++;
    let vStart = avEq === -1 ? end : avEq + 1;
    let vEnd = end;
    while (vStart < vEnd && isWsp(line.charCodeAt(vStart))) vStart++;
    while (vEnd > vStart && isWsp(line.charCodeAt(vEnd - 1))) vEnd--;
    let attr: ParsedAttribute | null = null;
    if (collect) {
      const attrName = line.slice(start, nameEnd);
      attr = {
        name: attrName,
        key: attrName.toLowerCase(),
        value: line.slice(vStart, vEnd),
        hasValue: avEq !== -1,
      };
      attributes.push(attr);
    }
    if (
      vEnd - vStart > MAX_ATTRIBUTE_VALUE_BYTES / 4 &&
      utf8Length(line.slice(vStart, vEnd)) > MAX_ATTRIBUTE_VALUE_BYTES
    ) {
      if (attr) attr.ignored = 'oversize';
      oversizeAttributes.push(line.slice(start, nameEnd));
      continue;
    }
    switch (kind) {
      // Browsers keep the LAST occurrence of each attribute, even when its value is empty or
      // invalid (Chromium 156 and Firefox 153, measured by the differential test): an invalid last
      // Expires, Max-Age or an empty last Domain undoes an earlier valid one.
      case A_EXPIRES: {
        const text = line.slice(vStart, vEnd);
        const t = firefox ? parseCookieDateFirefox(text) : parseCookieDate(text);
        if (t === null) {
          if (attr) attr.ignored = 'invalid-value';
          expiresUnparseable = true;
          expires = undefined;
        } else {
          expires = t;
          expiresUnparseable = false;
        }
        break;
      }
      case A_MAX_AGE: {
        const n = firefox ? parseMaxAgeFirefox(line, vStart, vEnd) : parseMaxAge(line, vStart, vEnd);
        if (n === undefined) {
          if (attr) attr.ignored = 'invalid-value';
        }
        maxAge = n;
        break;
      }
      case A_DOMAIN: {
        const raw = line.slice(vStart, vEnd);
        if (raw.length === 0) {
          // An empty last Domain: the cookie is host-only.
          if (attr) attr.ignored = 'empty-value';
          domain = undefined;
          domainAttribute = undefined;
        } else {
          // "." leaves an empty domain, which no host matches: the browser refuses the cookie.
          domain = (raw.charCodeAt(0) === 0x2e ? raw.slice(1) : raw).toLowerCase();
          domainAttribute = raw;
        }
        break;
      }
      case A_PATH: {
        pathAttribute = true;
        if (vEnd === vStart || line.charCodeAt(vStart) !== 0x2f) {
          if (attr) attr.ignored = 'invalid-value';
          path = undefined; // the default path applies
        } else path = line.slice(vStart, vEnd);
        break;
      }
      case A_SECURE:
        secure = true;
        break;
      case A_HTTPONLY:
        httpOnly = true;
        break;
      case A_PARTITIONED:
        partitioned = true;
        break;
      case A_SAMESITE: {
        sameSite = sameSiteOf(line, vStart, vEnd);
        sameSiteRaw = sameSite === 'invalid' ? line.slice(vStart, vEnd) : undefined;
        break;
      }
      default:
        if (attr) attr.ignored = 'unknown-attribute';
    }
  }

  const result: ParsedLine = {
    name,
    value,
    nameless,
    attributes,
    secure,
    httpOnly,
    partitioned,
    sameSite,
    pathAttribute,
    expiresUnparseable,
    controlCharacter,
    nameValueBytes: unusual ? utf8Length(name) + utf8Length(value) : name.length + value.length,
    oversizeAttributes,
    line,
    pairEnd,
    opaqueAttributes,
    tabInNameValue: unusual && (name.indexOf('\t') !== -1 || value.indexOf('\t') !== -1),
  };
  if (sameSiteRaw !== undefined) result.sameSiteRaw = sameSiteRaw;
  if (domain !== undefined) {
    result.domain = domain;
    result.domainAttribute = domainAttribute;
  }
  if (path !== undefined) result.path = path;
  if (maxAge !== undefined) result.maxAge = maxAge;
  if (expires !== undefined) result.expires = expires;
  return result;
}

/* ----------------------------------- cookie-date (5.1.1) ----------------------------------- */

function isDelimiter(c: number): boolean {
  // %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E
  return (
    c === 0x09 ||
    (c >= 0x20 && c <= 0x2f) ||
    (c >= 0x3b && c <= 0x40) ||
    (c >= 0x5b && c <= 0x60) ||
    (c >= 0x7b && c <= 0x7e)
  );
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Reads 1..max digits at i; returns [value, next index] or null; fails if more digits follow. */
function readDigits(s: string, i: number, min: number, max: number): [number, number] | null {
  let n = 0;
  let k = 0;
  while (k < max && i + k < s.length && isDigit(s.charCodeAt(i + k))) {
    n = n * 10 + (s.charCodeAt(i + k) - 0x30);
    k++;
  }
  if (k < min) return null;
  if (i + k < s.length && isDigit(s.charCodeAt(i + k))) return null;
  return [n, i + k];
}

/** hh:mm:ss; Chromium reads any number of digits per field ("007:28:00"), as here. */
function matchTime(token: string): [number, number, number] | null {
  const h = readDigits(token, 0, 1, 9);
  if (!h || token.charCodeAt(h[1]) !== 0x3a) return null;
  const m = readDigits(token, h[1] + 1, 1, 9);
  if (!m || token.charCodeAt(m[1]) !== 0x3a) return null;
  const s = readDigits(token, m[1] + 1, 1, 9);
  if (!s) return null;
  return [h[0], m[0], s[0]];
}

/**
 * RFC 6265bis 5.1.1: returns ms since epoch (UTC), or null when the date cannot be parsed (the
 * browser then ignores the Expires attribute).
 */
export function parseCookieDate(input: string): number | null {
  // Fast path for the IMF-fixdate servers send ("Wed, 21 Oct 2015 07:28:00 GMT"). It returns what
  // the general algorithm returns for such input: the weekday token is skipped unless it is itself
  // a month name (then the general algorithm takes it as the month, so we defer to it).
  const fast = imfFixdate(input);
  return fast !== undefined ? fast : parseCookieDateAlgorithm(input);
}

/**
 * The date-tokens of 5.1.1, in order: each with the delimiter just before it (Firefox reads a "+" or
 * "-" there as a zone offset's sign). The callback returns true to stop.
 */
function forEachDateToken(input: string, each: (token: string, before: number) => boolean): void {
  let i = 0;
  const len = input.length;
  while (i < len) {
    while (i < len && isDelimiter(input.charCodeAt(i))) i++;
    const start = i;
    while (i < len && !isDelimiter(input.charCodeAt(i))) i++;
    if (start === i) continue;
    if (each(input.slice(start, i), start > 0 ? input.charCodeAt(start - 1) : 0)) return;
  }
}

function monthOf(token: string): number {
  return token.length >= 3 ? MONTHS.indexOf(token.slice(0, 3).toLowerCase()) : -1;
}

/** The 5.1.1 algorithm itself, token by token (parseCookieDate adds a fast path in front). */
export function parseCookieDateAlgorithm(input: string): number | null {
  let time: [number, number, number] | null = null;
  let day: number | null = null;
  let month: number | null = null;
  let year: number | null = null;
  forEachDateToken(input, (token) => {
    if (time === null) {
      const t = matchTime(token);
      if (t) {
        time = t;
        return false;
      }
    }
    if (day === null) {
      const d = readDigits(token, 0, 1, 2);
      if (d) {
        day = d[0];
        return false;
      }
    }
    if (month === null) {
      const m = monthOf(token);
      if (m !== -1) {
        month = m;
        return false;
      }
    }
    // Five-digit years too: Chromium reads them and clamps (see finishDate).
    if (year === null) year = readDigits(token, 0, 2, 5)?.[0] ?? null;
    return false;
  });
  const t = time as [number, number, number] | null;
  if (t === null || day === null || month === null || year === null) return null;
  return finishDate(day, month, year, t[0], t[1], t[2]);
}

/** Three letters, case-folded into one number ("Jan" → "jan"). */
function word3(s: string, i: number): number {
  return (
    ((s.charCodeAt(i) | 0x20) << 16) | ((s.charCodeAt(i + 1) | 0x20) << 8) | (s.charCodeAt(i + 2) | 0x20)
  );
}

const MONTH_CODES = new Map<number, number>(MONTHS.map((m, i) => [word3(m, 0), i]));

function isAlpha(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function digits(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = s.charCodeAt(i + k) - 0x30;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * "Www, DD Mmm YYYY hh:mm:ss GMT" read at fixed positions. Returns undefined when the input is not
 * exactly that shape (or the weekday slot holds a month name, which the general algorithm would
 * take as the month), so that the caller runs the general algorithm.
 */
function imfFixdate(s: string): number | null | undefined {
  if (s.length !== 29) return undefined;
  if (s.charCodeAt(3) !== 0x2c || s.charCodeAt(4) !== 0x20 || s.charCodeAt(7) !== 0x20) return undefined;
  if (s.charCodeAt(11) !== 0x20 || s.charCodeAt(16) !== 0x20 || s.charCodeAt(19) !== 0x3a) return undefined;
  if (s.charCodeAt(22) !== 0x3a || s.charCodeAt(25) !== 0x20) return undefined;
  if (s.charCodeAt(26) !== 0x47 || s.charCodeAt(27) !== 0x4d || s.charCodeAt(28) !== 0x54) return undefined;
  if (!isAlpha(s.charCodeAt(0)) || !isAlpha(s.charCodeAt(1)) || !isAlpha(s.charCodeAt(2))) return undefined;
  if (!isAlpha(s.charCodeAt(8)) || !isAlpha(s.charCodeAt(9)) || !isAlpha(s.charCodeAt(10))) return undefined;
  if (MONTH_CODES.has(word3(s, 0))) return undefined;
  const month = MONTH_CODES.get(word3(s, 8));
  const day = digits(s, 5, 2);
  const year = digits(s, 12, 4);
  const h = digits(s, 17, 2);
  const mi = digits(s, 20, 2);
  const sec = digits(s, 23, 2);
  if (month === undefined || day < 0 || year < 0 || h < 0 || mi < 0 || sec < 0) return undefined;
  return finishDate(day, month, year, h, mi, sec);
}
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The final steps of 5.1.1: two-digit years, range checks, and a day that exists in its month.
 * Years outside 1601–9999 are clamped into it, as Chromium does (the RFC aborts below 1601): a
 * year-100 date deletes the cookie, a year-10000 one keeps it for the 400-day maximum.
 */
function finishDate(
  day: number,
  month: number,
  year: number,
  h: number,
  mi: number,
  sec: number,
): number | null {
  if (year >= 70 && year <= 99) year += 1900;
  else if (year >= 0 && year <= 69) year += 2000;
  if (day < 1 || day > 31 || h > 23 || mi > 59 || sec > 59) return null;
  if (year < 1601) year = 1601;
  else if (year > 9999) year = 9999;
  // "If the day-of-month is greater than the number of days in the month, abort" (e.g. Feb 30).
  if (day > DAYS_IN_MONTH[month]) return null;
  if (month === 1 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return null;
  return Date.UTC(year, month, day, h, mi, sec);
}

/**
 * Firefox 153's reading of a cookie date, as the differential test measured it: the RFC's tokens,
 * but a missing time means midnight, an hh:mm:ss outside its range rolls over (24:00:00 is the next
 * day, 31 April is 1 May, day 0 is the last day of the month before), a "+hhmm"/"-hhmm" zone
 * offset after the time is applied, years are 2 digits (70–99 → 19xx, 0–69 → 20xx) or 4–5 digits up
 * to 32767, and there is no lower bound (year 1600 is in the past).
 */
export function parseCookieDateFirefox(input: string): number | null {
  let time: [number, number, number] | null = null;
  let day: number | null = null;
  let month: number | null = null;
  let year: number | null = null;
  let offsetMinutes = 0;
  let invalid = false;
  forEachDateToken(input, (token, before) => {
    if (
      time !== null &&
      (before === 0x2b || before === 0x2d) &&
      token.length === 4 &&
      digits(token, 0, 4) >= 0
    ) {
      const hhmm = digits(token, 0, 4);
      offsetMinutes = (before === 0x2d ? -1 : 1) * (Math.floor(hhmm / 100) * 60 + (hhmm % 100));
      return false;
    }
    if (token.indexOf(':') !== -1) {
      // Only h:m:s of one or two digits each is a time; any other token with ":" is skipped.
      const th: [number, number] | null = time === null ? readDigits(token, 0, 1, 2) : null;
      const tm: [number, number] | null =
        th && token.charCodeAt(th[1]) === 0x3a ? readDigits(token, th[1] + 1, 1, 2) : null;
      const ts: [number, number] | null =
        tm && token.charCodeAt(tm[1]) === 0x3a ? readDigits(token, tm[1] + 1, 1, 2) : null;
      if (th && tm && ts && ts[1] === token.length) time = [th[0], tm[0], ts[0]];
      return false;
    }
    if (day === null) {
      const d = readDigits(token, 0, 1, 2);
      if (d) {
        day = d[0];
        return false;
      }
    }
    if (month === null) {
      const m = monthOf(token);
      if (m !== -1) {
        month = m;
        return false;
      }
    }
    if (year === null) {
      const y = readDigits(token, 0, 2, 5);
      if (!y) return false;
      if (y[1] === 3) invalid = true;
      year = y[1] === 2 ? y[0] + (y[0] >= 70 ? 1900 : 2000) : y[0];
      if (year > 32767) invalid = true;
      return invalid;
    }
    return false;
  });
  if (invalid || day === null || month === null || year === null) return null;
  const [h, mi, sec] = (time as [number, number, number] | null) ?? [0, 0, 0];
  if (day > 31 || h > 24 || mi > 60 || sec > 60) return null;
  return Date.UTC(year, month, day, h, mi, sec) - offsetMinutes * 60_000;
}
