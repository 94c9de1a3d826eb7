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

/** Octets of the UTF-8 encoding of `s` (lone surrogates count as U+FFFD, 3 octets). */
export function utf8Length(s: string): number {
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
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 0x08 || (c >= 0x0a && c <= 0x1f) || c === 0x7f) return true;
  }
  return false;
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
  for (let k = 0; k < SET_COOKIE_PREFIX.length; k++) {
    let c = line.charCodeAt(i + k);
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    if (c !== SET_COOKIE_PREFIX.charCodeAt(k)) return line;
  }
  return line.slice(i + SET_COOKIE_PREFIX.length);
}

function sameSiteOf(value: string): SameSiteValue {
  const v = value.toLowerCase();
  if (v === 'strict') return 'strict';
  if (v === 'lax') return 'lax';
  if (v === 'none') return 'none';
  return 'invalid';
}

function parseMaxAge(value: string): number | undefined {
  // "If the first character of the attribute-value is neither a DIGIT, nor a "-" character
  // followed by a DIGIT, ignore the cookie-av. If the remainder contains a non-DIGIT, ignore it."
  if (value.length === 0) return undefined;
  let i = 0;
  let negative = false;
  if (value.charCodeAt(0) === 0x2d) {
    negative = true;
    i = 1;
  }
  if (i >= value.length) return undefined;
  let n = 0;
  for (; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return undefined;
    n = n * 10 + (c - 0x30);
  }
  return negative ? -n : n;
}

/**
 * Parses a Set-Cookie field value. Never throws; a line the browser would ignore is still parsed
 * as far as possible, with the reason flagged (controlCharacter, nameValueBytes, …) so that the
 * audit can say why.
 */
export function parseSetCookie(input: string): ParsedSetCookie {
  const line = typeof input === 'string' ? stripFieldName(input) : '';
  const controlCharacter = hasControlCharacter(line);
  const semi = line.indexOf(';');
  const pairEnd = semi === -1 ? line.length : semi;
  const eq = line.indexOf('=');
  let name: string;
  let value: string;
  let nameless: boolean;
  if (eq === -1 || eq > pairEnd) {
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

  const result: ParsedSetCookie = {
    name,
    value,
    nameless,
    attributes: [],
    secure: false,
    httpOnly: false,
    partitioned: false,
    sameSite: 'unspecified',
    pathAttribute: false,
    expiresUnparseable: false,
    controlCharacter,
    nameValueBytes: utf8Length(name) + utf8Length(value),
    oversizeAttributes: [],
  };

  let pos = pairEnd;
  while (pos < line.length) {
    // Discard the ";" and take the cookie-av up to the next ";".
    const start = pos + 1;
    let end = line.indexOf(';', start);
    if (end === -1) end = line.length;
    pos = end;
    const avEq = line.indexOf('=', start);
    let attrName: string;
    let attrValue: string;
    let hasValue: boolean;
    if (avEq === -1 || avEq >= end) {
      attrName = trimWsp(line, start, end);
      attrValue = '';
      hasValue = false;
    } else {
      attrName = trimWsp(line, start, avEq);
      attrValue = trimWsp(line, avEq + 1, end);
      hasValue = true;
    }
    if (attrName.length === 0 && !hasValue) continue; // empty cookie-av ("a=b;; Secure")
    const key = attrName.toLowerCase();
    const attr: ParsedAttribute = { name: attrName, key, value: attrValue, hasValue };
    result.attributes.push(attr);
    if (
      attrValue.length > MAX_ATTRIBUTE_VALUE_BYTES / 4 &&
      utf8Length(attrValue) > MAX_ATTRIBUTE_VALUE_BYTES
    ) {
      attr.ignored = 'oversize';
      result.oversizeAttributes.push(attrName);
      continue;
    }
    switch (key) {
      case 'expires': {
        const t = parseCookieDate(attrValue);
        if (t === null) {
          attr.ignored = 'invalid-value';
          result.expiresUnparseable = true;
        } else result.expires = t;
        break;
      }
      case 'max-age': {
        const n = parseMaxAge(attrValue);
        if (n === undefined) attr.ignored = 'invalid-value';
        else result.maxAge = n;
        break;
      }
      case 'domain': {
        let d = attrValue;
        if (d.charCodeAt(0) === 0x2e) d = d.slice(1);
        if (d.length === 0) {
          // "If the attribute-value is empty, the behavior is undefined. However, the user agent
          // SHOULD ignore the cookie-av entirely." Browsers then keep the cookie host-only.
          // An earlier Domain attribute, if any, therefore stays in force.
          attr.ignored = 'empty-value';
        } else {
          result.domain = d.toLowerCase();
          result.domainAttribute = attrValue;
        }
        break;
      }
      case 'path': {
        result.pathAttribute = true;
        if (attrValue.length === 0 || attrValue.charCodeAt(0) !== 0x2f) {
          attr.ignored = 'invalid-value';
          result.path = undefined; // the default path applies
        } else result.path = attrValue;
        break;
      }
      case 'secure':
        result.secure = true;
        break;
      case 'httponly':
        result.httpOnly = true;
        break;
      case 'partitioned':
        result.partitioned = true;
        break;
      case 'samesite': {
        const s = sameSiteOf(attrValue);
        result.sameSite = s;
        if (s === 'invalid') result.sameSiteRaw = attrValue;
        else result.sameSiteRaw = undefined;
        break;
      }
      default:
        attr.ignored = 'unknown-attribute';
    }
  }
  if (result.expires !== undefined) result.expiresUnparseable = false;
  if (result.sameSiteRaw === undefined) delete result.sameSiteRaw;
  if (result.domain === undefined) {
    delete result.domain;
    delete result.domainAttribute;
  }
  if (result.path === undefined) delete result.path;
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

function matchTime(token: string): [number, number, number] | null {
  const h = readDigits(token, 0, 1, 2);
  if (!h || token.charCodeAt(h[1]) !== 0x3a) return null;
  const m = readDigits(token, h[1] + 1, 1, 2);
  if (!m || token.charCodeAt(m[1]) !== 0x3a) return null;
  const s = readDigits(token, m[1] + 1, 1, 2);
  if (!s) return null;
  return [h[0], m[0], s[0]];
}

/**
 * RFC 6265bis 5.1.1: returns ms since epoch (UTC), or null when the date cannot be parsed (the
 * browser then ignores the Expires attribute).
 */
export function parseCookieDate(input: string): number | null {
  let time: [number, number, number] | null = null;
  let day: number | null = null;
  let month: number | null = null;
  let year: number | null = null;
  let i = 0;
  const len = input.length;
  while (i < len) {
    while (i < len && isDelimiter(input.charCodeAt(i))) i++;
    const start = i;
    while (i < len && !isDelimiter(input.charCodeAt(i))) i++;
    if (start === i) continue;
    const token = input.slice(start, i);
    if (time === null) {
      const t = matchTime(token);
      if (t) {
        time = t;
        continue;
      }
    }
    if (day === null) {
      const d = readDigits(token, 0, 1, 2);
      if (d) {
        day = d[0];
        continue;
      }
    }
    if (month === null && token.length >= 3) {
      const idx = MONTHS.indexOf(token.slice(0, 3).toLowerCase());
      if (idx !== -1) {
        month = idx;
        continue;
      }
    }
    if (year === null) {
      const y = readDigits(token, 0, 2, 4);
      if (y) {
        year = y[0];
      }
    }
  }
  if (time === null || day === null || month === null || year === null) return null;
  if (year >= 70 && year <= 99) year += 1900;
  else if (year >= 0 && year <= 69) year += 2000;
  if (day < 1 || day > 31 || year < 1601 || time[0] > 23 || time[1] > 59 || time[2] > 59) return null;
  const ms = Date.UTC(year, month, day, time[0], time[1], time[2]);
  // "If the day-of-month is greater than the number of days in the month, abort" (e.g. Feb 30).
  const check = new Date(ms);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month) return null;
  return ms;
}
