/**
 * Strict-Transport-Security parsing per RFC 6797 section 6.1: directives separated by ";",
 * case-insensitive names, token or quoted-string values, each directive at most once, max-age
 * required. A header that does not conform is ignored by browsers, so `valid: false` means "no
 * HSTS at all" in effect.
 */
import type { HstsPolicy } from './types.ts';

/** Six months as MDN Observatory counts it ("a white lie": 15768000 would be six months). */
export const HSTS_SIX_MONTHS = 15552000;
/** The preload list's minimum. */
export const HSTS_ONE_YEAR = 31536000;

function isTokenChar(c: number): boolean {
  // RFC 7230 tchar
  if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) return true;
  return "!#$%&'*+-.^_`|~".includes(String.fromCharCode(c));
}

export function parseHsts(header: string): HstsPolicy {
  const problems: string[] = [];
  const policy: HstsPolicy = {
    valid: false,
    maxAge: null,
    includeSubDomains: false,
    preload: false,
    problems,
  };
  for (let i = 0; i < header.length; i++) {
    const c = header.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c > 0x7e) {
      problems.push('contains a non-printable or non-ASCII character');
      return policy;
    }
  }
  if (header.includes(',')) {
    problems.push('contains a comma: the header was sent more than once, or is malformed');
    return policy;
  }
  const seen = new Set<string>();
  let maxAgeText: string | null = null;
  for (const raw of header.split(';')) {
    const part = raw.trim();
    if (part.length === 0) continue;
    const eq = part.indexOf('=');
    const name = (eq === -1 ? part : part.slice(0, eq)).trim().toLowerCase();
    let value: string | null = eq === -1 ? null : part.slice(eq + 1).trim();
    if (name.length === 0 || ![...name].every((ch) => isTokenChar(ch.charCodeAt(0)))) {
      problems.push(`malformed directive "${part.slice(0, 40)}"`);
      return policy;
    }
    if (seen.has(name)) {
      problems.push(`directive "${name}" appears more than once`);
      return policy;
    }
    seen.add(name);
    if (value !== null && value.length >= 2 && value.startsWith('"') && value.endsWith('"'))
      value = value.slice(1, -1);
    if (name === 'max-age') {
      maxAgeText = value;
    } else if (name === 'includesubdomains') {
      if (value !== null) {
        problems.push('includeSubDomains takes no value');
        return policy;
      }
      policy.includeSubDomains = true;
    } else if (name === 'preload') {
      policy.preload = true;
    }
  }
  if (maxAgeText === null) {
    problems.push(seen.has('max-age') ? 'max-age has no value' : 'max-age is missing');
    return policy;
  }
  if (maxAgeText.length === 0 || !/^[0-9]+$/.test(maxAgeText)) {
    problems.push('max-age is not a number of seconds');
    return policy;
  }
  policy.maxAge = Number(maxAgeText);
  policy.valid = true;
  return policy;
}
