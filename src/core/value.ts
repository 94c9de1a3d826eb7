/**
 * Value analysis: reduces a cookie value to its shape (length, estimated entropy, format, and for
 * readable formats the payload's key names) at the moment it is observed. The value itself is
 * never returned. Detection follows the signed-cookie formats that badsecrets and the frameworks'
 * own sources document (see docs/rules.md and the rule anchors).
 */
import type { ValueFormat, ValueInfo } from './types.ts';

const MAX_KEYS = 50;
const MAX_KEY_LENGTH = 64;
/** Payloads larger than this are not decoded for key names (keeps the hot path bounded). */
const MAX_DECODE_LENGTH = 8192;

const decoder = new TextDecoder('utf-8', { fatal: false });

/* ------------------------------------ character classes ------------------------------------ */

const C_DIGIT = 1;
const C_LOWER = 2;
const C_UPPER = 4;
const C_DASH_UNDERSCORE = 8; // base64url extras
const C_PLUS_SLASH = 16; // base64 extras
const C_EQ = 32;
const C_DOT = 64;
const C_OTHER = 128;
const C_HEX_LOWER_ONLY = 256; // lower letters seen were all a-f
const C_HEX_UPPER_ONLY = 512; // upper letters seen were all A-F

/** Alphabet size implied by the character classes seen. */
function alphabetSize(mask: number): number {
  if (mask & C_OTHER) return 95;
  const letters = mask & (C_LOWER | C_UPPER);
  const digit = (mask & C_DIGIT) !== 0;
  let size: number;
  if (letters === 0) size = digit ? 10 : 0;
  else if (letters === (C_LOWER | C_UPPER)) size = digit ? 62 : 52;
  else if (digit && letters === C_LOWER && mask & C_HEX_LOWER_ONLY) size = 16;
  else if (digit && letters === C_UPPER && mask & C_HEX_UPPER_ONLY) size = 16;
  else size = digit ? 36 : 26;
  if (mask & (C_DASH_UNDERSCORE | C_PLUS_SLASH)) size = Math.max(size, 62) + 2;
  if (mask & C_DOT) size += 1;
  return size;
}

let counts: Int32Array | null = null;

/** Characters looked at for the diversity estimate; longer values are extrapolated from it. */
const ENTROPY_SAMPLE = 128;

/**
 * Estimated entropy in bits of `s[start:end]`: length × log2(alphabet), capped by the observed
 * character diversity when that diversity is implausibly low for a random string (then Shannon
 * entropy of the sample with the Miller–Madow small-sample correction, times length). Values
 * longer than 128 characters are judged on their first 128 (their estimate is far above any
 * threshold anyway). A single sample cannot prove randomness; this is a heuristic bound.
 */
export function estimateEntropyBits(s: string, start = 0, end = s.length): number {
  // Padding carries no entropy.
  while (end > start && s.charCodeAt(end - 1) === 0x3d) end--;
  const n = end - start;
  if (n <= 0) return 0;
  const sampleEnd = n > ENTROPY_SAMPLE ? start + ENTROPY_SAMPLE : end;
  const m = sampleEnd - start;
  if (counts === null) counts = new Int32Array(0x10000);
  const c = counts;
  const seen = distinctChars;
  let distinct = 0;
  let mask = C_HEX_LOWER_ONLY | C_HEX_UPPER_ONLY;
  for (let i = start; i < sampleEnd; i++) {
    const ch = s.charCodeAt(i);
    if (c[ch]++ === 0) {
      seen[distinct++] = ch;
      const k = ch < 0x80 ? ENTROPY_CLASS[ch] : C_OTHER;
      mask |= k;
    }
  }
  // A lower (upper) letter beyond f (F) means the letters are not all hex digits.
  if (mask & N_HEX_LOWER) mask &= ~C_HEX_LOWER_ONLY;
  if (mask & N_HEX_UPPER) mask &= ~C_HEX_UPPER_ONLY;
  mask &= ~(N_HEX_LOWER | N_HEX_UPPER);
  // H = log2(m) − Σ k·log2(k) / m over the distinct characters.
  let sum = 0;
  for (let j = 0; j < distinct; j++) {
    const ch = seen[j];
    sum += K_LOG2_K[c[ch]];
    c[ch] = 0;
  }
  const alphabet = alphabetSize(mask);
  if (alphabet <= 1) return 0;
  const full = Math.log2(alphabet);
  // A random string over `alphabet` shows about A·(1 − (1 − 1/A)^m) distinct characters. When the
  // sample is that diverse, the alphabet bound stands (so 16 random hex digits are 64 bits, as
  // OWASP counts them); when it is far less diverse (repetition, structure), the Shannon estimate
  // with the Miller–Madow correction caps it.
  const expected = alphabet * (1 - (1 - 1 / alphabet) ** m);
  if (distinct >= 0.6 * expected) return Math.round(full * n);
  const h = Math.log2(m) - sum / m + (distinct - 1) / (2 * m * Math.LN2);
  return Math.round(Math.min(h, full) * n);
}

const distinctChars = new Uint16Array(ENTROPY_SAMPLE);
/** k·log2(k) for k = 0…256 (the sample never has more than 256 characters). */
const K_LOG2_K = new Float64Array(ENTROPY_SAMPLE + 1);
for (let k = 2; k <= ENTROPY_SAMPLE; k++) K_LOG2_K[k] = k * Math.log2(k);

function classOf(ch: number): number {
  if (ch >= 0x30 && ch <= 0x39) return C_DIGIT;
  if (ch >= 0x61 && ch <= 0x7a) return C_LOWER;
  if (ch >= 0x41 && ch <= 0x5a) return C_UPPER;
  if (ch === 0x2d || ch === 0x5f) return C_DASH_UNDERSCORE;
  if (ch === 0x2b || ch === 0x2f) return C_PLUS_SLASH;
  if (ch === 0x3d) return C_EQ;
  if (ch === 0x2e) return C_DOT;
  return C_OTHER;
}

/** Marks (never in an alphabet mask) for letters that are not hex digits: g-z and G-Z. */
const N_HEX_LOWER = 1024;
const N_HEX_UPPER = 2048;

/** classOf for ASCII, plus the not-hex marks, looked up instead of branched on. */
const ENTROPY_CLASS = new Uint16Array(0x80);
for (let ch = 0; ch < 0x80; ch++) {
  let k = classOf(ch);
  if (ch > 0x66 && ch <= 0x7a) k |= N_HEX_LOWER;
  else if (ch > 0x46 && ch <= 0x5a) k |= N_HEX_UPPER;
  ENTROPY_CLASS[ch] = k;
}

/* ---------------------------------------- decoding ---------------------------------------- */

const B64 = new Int16Array(128).fill(-1);
for (let i = 0; i < 64; i++) {
  B64['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i;
}
B64[0x2d] = 62; // '-'
B64[0x5f] = 63; // '_'

/** Decodes base64 or base64url (padding optional). Returns null on any other character. */
export function decodeBase64(s: string, start = 0, end = s.length): Uint8Array | null {
  while (end > start && s.charCodeAt(end - 1) === 0x3d) end--;
  const n = end - start;
  if (n % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((n * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    const d = c < 128 ? B64[c] : -1;
    if (d < 0) return null;
    acc = ((acc << 6) | d) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return o === out.length ? out : out.subarray(0, o);
}

/** UTF-8 bytes to a string; plain ASCII (the usual JSON payload) skips TextDecoder. */
function bytesToString(bytes: Uint8Array): string {
  if (bytes.length <= 4096) {
    let ascii = true;
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) return String.fromCharCode.apply(null, bytes as unknown as number[]);
  }
  return decoder.decode(bytes);
}

function decodeBase64Json(s: string, start = 0, end = s.length): unknown {
  if (end - start > MAX_DECODE_LENGTH) return undefined;
  // JSON objects and arrays encode to "ey…" ('{') or "W…" ('['); anything else cannot be JSON.
  const c0 = s.charCodeAt(start);
  if (c0 !== 0x65 && c0 !== 0x57 && c0 !== 0x49) return undefined;
  const bytes = decodeBase64(s, start, end);
  if (bytes === null || bytes.length === 0) return undefined;
  // JSON documents start with "{" or "[" (possibly after whitespace).
  const first = bytes[0];
  if (first !== 0x7b && first !== 0x5b && first !== 0x20) return undefined;
  try {
    return JSON.parse(bytesToString(bytes));
  } catch {
    return undefined;
  }
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Key names that say what kind of data a payload holds: registered JWT and OpenID Connect claims and
 * the session keys of the frameworks the engine knows (Flask-Login, Django, Rails, Passport, …) plus
 * common identity and privilege names, compared lower-case without separators ("userId" = "user_id").
 * Any other key may itself be data (an e-mail address, a user name used as a key): it is counted only.
 */
const KNOWN_PAYLOAD_KEYS: ReadonlySet<string> = new Set(
  [
    // JWT (RFC 7519) and JOSE headers
    'iss',
    'sub',
    'aud',
    'exp',
    'nbf',
    'iat',
    'jti',
    'alg',
    'typ',
    'kid',
    'cty',
    'enc',
    // OpenID Connect standard claims and common IdP claims
    'name',
    'given_name',
    'family_name',
    'middle_name',
    'nickname',
    'preferred_username',
    'profile',
    'picture',
    'website',
    'email',
    'email_verified',
    'gender',
    'birthdate',
    'zoneinfo',
    'locale',
    'phone_number',
    'phone_number_verified',
    'address',
    'updated_at',
    'auth_time',
    'nonce',
    'acr',
    'amr',
    'azp',
    'at_hash',
    'c_hash',
    'sid',
    'scope',
    'scp',
    'client_id',
    'cid',
    'tid',
    'oid',
    'upn',
    'ver',
    'idp',
    'tenant',
    'tenant_id',
    'org',
    'org_id',
    // identity and privilege
    'id',
    'uid',
    'user',
    'user_id',
    'username',
    'login',
    'account',
    'account_id',
    'customer_id',
    'member_id',
    'role',
    'roles',
    'group',
    'groups',
    'permission',
    'permissions',
    'perms',
    'admin',
    'is_admin',
    'is_staff',
    'is_superuser',
    'superuser',
    'staff',
    'access_level',
    'user_level',
    'user_type',
    'privileges',
    'auth',
    'authenticated',
    'is_authenticated',
    'logged_in',
    'is_logged_in',
    'plan',
    'tier',
    // Flask / Flask-Login
    '_fresh',
    '_id',
    '_user_id',
    '_permanent',
    '_flashes',
    'csrf_token',
    '_remember',
    // Django sessions
    '_auth_user_id',
    '_auth_user_backend',
    '_auth_user_hash',
    '_session_expiry',
    '_language',
    // Rails and Warden
    'session_id',
    '_csrf_token',
    'warden.user.user.key',
    'flash',
    'return_to',
    'user_return_to',
    // Express (cookie-session, Passport, express-session's serialised cookie)
    'passport',
    'cookie',
    'views',
    'isPopulated',
    'originalMaxAge',
    'expires',
    'httpOnly',
    'path',
    'secure',
    'sameSite',
    'domain',
    // Laravel's encrypter envelope and other common session fields
    'iv',
    'value',
    'mac',
    'tag',
    'token',
    'csrf',
    'xsrf',
    'state',
    'data',
    'lang',
    'theme',
    'cart',
    'consent',
    'created',
    'created_at',
    'last_activity',
    'expiry',
    'expires_at',
    'version',
  ].map(normaliseKey),
);

function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[-_.\s]/g, '');
}

/** Known key names of a payload (see KNOWN_PAYLOAD_KEYS) and how many keys it has in all. */
function keysOf(obj: Record<string, unknown>): { payloadKeys: string[]; payloadKeyCount: number } {
  const keys = Object.keys(obj);
  const out: string[] = [];
  for (let i = 0; i < keys.length && out.length < MAX_KEYS; i++) {
    const k = keys[i];
    if (k.length <= MAX_KEY_LENGTH && KNOWN_PAYLOAD_KEYS.has(normaliseKey(k))) out.push(k);
  }
  return { payloadKeys: out, payloadKeyCount: keys.length };
}

function safeDecodeURIComponent(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const RE_B64URL = /^[A-Za-z0-9_-]+$/;
const RE_B64 = /^[A-Za-z0-9+/_-]+=*$/;
const RE_HEX = /^[0-9a-fA-F]+$/;
const RE_ALNUM = /^[A-Za-z0-9]+$/;
const RE_UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/*
 * The character sets a whole value is made of, found in one pass: `detect` reads the anchored
 * character-class tests it needs (digits only, hex, base64, token, dotted) off this mask instead
 * of running one regular expression after another over the value.
 */
const S_DIGIT = 1;
const S_HEX_LOWER = 2; // a-f
const S_LOWER = 4; // g-z
const S_HEX_UPPER = 8; // A-F
const S_UPPER = 16; // G-Z
const S_DASH = 32;
const S_UNDERSCORE = 64;
const S_PLUS = 128;
const S_SLASH = 256;
const S_EQ = 512;
const S_DOT = 1024;
const S_TILDE = 2048;
const S_COLON = 4096;
const S_OTHER = 8192;
const S_LETTER = S_HEX_LOWER | S_LOWER | S_HEX_UPPER | S_UPPER;
const S_ALNUM = S_DIGIT | S_LETTER;
const S_HEX = S_DIGIT | S_HEX_LOWER | S_HEX_UPPER;
/** A dotted value is made of [A-Za-z0-9_\-.] only. */
const S_DOTTED = S_ALNUM | S_UNDERSCORE | S_DASH | S_DOT;
/** A token is made of [A-Za-z0-9_\-+/=~] only. */
const S_TOKEN = S_ALNUM | S_UNDERSCORE | S_DASH | S_PLUS | S_SLASH | S_EQ | S_TILDE;
/** Standard base64 before its padding: [A-Za-z0-9+/]. */
const S_STD_B64 = S_ALNUM | S_PLUS | S_SLASH;

const SET_OF = new Uint16Array(0x80).fill(S_OTHER);
for (let ch = 0x30; ch <= 0x39; ch++) SET_OF[ch] = S_DIGIT;
for (let ch = 0x61; ch <= 0x7a; ch++) SET_OF[ch] = ch <= 0x66 ? S_HEX_LOWER : S_LOWER;
for (let ch = 0x41; ch <= 0x5a; ch++) SET_OF[ch] = ch <= 0x46 ? S_HEX_UPPER : S_UPPER;
SET_OF[0x2d] = S_DASH;
SET_OF[0x5f] = S_UNDERSCORE;
SET_OF[0x2b] = S_PLUS;
SET_OF[0x2f] = S_SLASH;
SET_OF[0x3d] = S_EQ;
SET_OF[0x2e] = S_DOT;
SET_OF[0x7e] = S_TILDE;
SET_OF[0x3a] = S_COLON;

/** Character sets of `v` (S_* bits). */
function charSets(v: string): number {
  let mask = 0;
  for (let i = 0; i < v.length; i++) {
    const ch = v.charCodeAt(i);
    mask |= ch < 0x80 ? SET_OF[ch] : S_OTHER;
  }
  return mask;
}

/** /^[A-Za-z0-9+\/]+={0,2}$/ for a value whose sets are `mask`. */
function isStdBase64(v: string, mask: number): boolean {
  if ((mask & ~(S_STD_B64 | S_EQ)) !== 0) return false;
  let end = v.length;
  while (end > 0 && v.charCodeAt(end - 1) === 0x3d) end--;
  if (end === 0 || v.length - end > 2) return false;
  return (mask & S_EQ) === 0 || v.indexOf('=') === end;
}

/* ----------------------------------------- formats ----------------------------------------- */

interface Detected {
  format: ValueFormat;
  /** Range whose entropy is reported (the random or cryptographic part). */
  start: number;
  end: number;
  payloadKeys?: string[];
  payloadKeyCount?: number;
  /** estimateEntropyBits(v, start, end) when detection already computed it. */
  bits?: number;
}

/** Called only when the whole value is [A-Za-z0-9_.-] and contains a dot. */
function detectDotted(v: string): Detected | null {
  // JWS (3 parts) / unsigned JWT (2 parts or alg none) / JWE (5 parts) / Flask (itsdangerous).
  const parts = v.split('.');
  if (parts[0] === '' && parts.length === 4) {
    // ".eJy…": zlib-compressed itsdangerous payload; key names need inflating, which we skip.
    if (parts[1].length > 0 && parts[2].length <= 8 && parts[3].length >= 20) {
      return { format: 'flask-signed', start: v.length - parts[3].length, end: v.length };
    }
    return null;
  }
  if (parts.length !== 2 && parts.length !== 3 && parts.length !== 5) return null;
  const header = decodeBase64Json(parts[0]);
  if (!isPlainObject(header)) return null;
  if (parts.length === 5) {
    if (typeof header.enc !== 'string' && typeof header.alg !== 'string') return null;
    const ctStart = parts[0].length + parts[1].length + parts[2].length + 3;
    return { format: 'jwe', start: ctStart, end: ctStart + parts[3].length };
  }
  if (typeof header.alg === 'string' || typeof header.typ === 'string') {
    const payload = decodeBase64Json(parts[1]);
    if (!isPlainObject(payload)) return null;
    const unsigned =
      parts.length === 2 || parts[2].length === 0 || String(header.alg).toLowerCase() === 'none';
    return {
      format: unsigned ? 'jwt-unsigned' : 'jwt',
      start: unsigned ? 0 : parts[0].length + parts[1].length + 2,
      end: v.length,
      ...keysOf(payload),
    };
  }
  if (parts.length === 3 && parts[1].length > 0 && parts[1].length <= 8 && parts[2].length >= 20) {
    // itsdangerous: payload.timestamp.signature with a JSON payload (Flask's session).
    return {
      format: 'flask-signed',
      start: v.length - parts[2].length,
      end: v.length,
      ...keysOf(header),
    };
  }
  return null;
}

function detectDjango(v: string): Detected | null {
  // django.core.signing TimestampSigner over sign_object: b64json:timestamp:signature; a leading
  // "." marks a zlib-compressed payload.
  const parts = v.split(':');
  if (parts.length !== 3) return null;
  const [payload, ts, sig] = parts;
  if (ts.length === 0 || ts.length > 8 || !RE_ALNUM.test(ts)) return null;
  if (sig.length < 27 || !RE_B64URL.test(sig)) return null;
  const compressed = payload.charCodeAt(0) === 0x2e;
  const body = compressed ? payload.slice(1) : payload;
  if (!RE_B64URL.test(body)) return null;
  const sigStart = v.length - sig.length;
  if (compressed) return { format: 'django-signed', start: sigStart, end: v.length };
  const obj = decodeBase64Json(body);
  if (obj === undefined) return null;
  return {
    format: 'django-signed',
    start: sigStart,
    end: v.length,
    ...(isPlainObject(obj) ? keysOf(obj) : {}),
  };
}

function detectRails(v: string): Detected | null {
  // ActiveSupport MessageEncryptor (AES-256-GCM): data--iv--authtag, all base64.
  // MessageVerifier (signed) and Rails < 5.2 encrypted: base64--hexdigest.
  const parts = v.split('--');
  if (parts.length === 3) {
    for (const p of parts) if (!RE_B64.test(p)) return null;
    if (parts[0].length < 8) return null;
    return { format: 'rails-encrypted', start: 0, end: parts[0].length };
  }
  if (parts.length !== 2) return null;
  const [data, digest] = parts;
  if (data.length < 8 || !RE_B64.test(data)) return null;
  if (digest.length < 40 || !RE_HEX.test(digest)) return null;
  const bytes = data.length <= MAX_DECODE_LENGTH ? decodeBase64(data) : null;
  if (bytes === null) return { format: 'rails-signed', start: data.length + 2, end: v.length };
  const text = bytesToString(bytes);
  if (text.includes('--')) return { format: 'rails-encrypted', start: 0, end: data.length };
  if (bytes[0] === 0x7b) {
    try {
      const obj: unknown = JSON.parse(text);
      if (isPlainObject(obj)) {
        return { format: 'rails-signed', start: data.length + 2, end: v.length, ...keysOf(obj) };
      }
    } catch {
      // not JSON: Marshal or another serializer
    }
  }
  return { format: 'rails-signed', start: data.length + 2, end: v.length };
}

/** Laravel's Encrypter output is base64 of {"iv":"…","value":"…","mac":"…","tag":"…"}: "eyJpdiI6". */
const LARAVEL_PREFIX = 'eyJpdiI6';

function detectBase64Json(v: string): Detected | null {
  if (!RE_B64.test(v)) return null;
  if (v.startsWith(LARAVEL_PREFIX)) return { format: 'laravel-encrypted', start: 0, end: v.length };
  const obj = decodeBase64Json(v);
  if (!isPlainObject(obj)) return null;
  if (typeof obj.iv === 'string' && typeof obj.value === 'string' && typeof obj.mac === 'string') {
    return { format: 'laravel-encrypted', start: 0, end: v.length };
  }
  // cookie-session (Express): base64 JSON, readable by the client; signed by `<name>.sig`.
  return { format: 'cookie-session', start: 0, end: v.length, ...keysOf(obj) };
}

function detect(v: string): Detected {
  const len = v.length;
  const c0 = v.charCodeAt(0);
  // express-session: "s:" + id + "." + HMAC-SHA256 base64 (no padding).
  if (c0 === 0x73 && v.charCodeAt(1) === 0x3a) {
    const dot = v.lastIndexOf('.');
    if (dot > 2 && len - dot - 1 >= 27 && RE_B64.test(v.slice(dot + 1))) {
      return { format: 'express-signed', start: 2, end: dot };
    }
  }
  if ((c0 === 0x7b || c0 === 0x5b) && len <= MAX_DECODE_LENGTH) {
    try {
      const obj: unknown = JSON.parse(v);
      if (typeof obj === 'object' && obj !== null) {
        return {
          format: 'json',
          start: 0,
          end: len,
          ...(isPlainObject(obj) ? keysOf(obj) : {}),
        };
      }
    } catch {
      // not JSON
    }
  }
  const sets = charSets(v);
  if (sets === S_DIGIT) return { format: 'numeric', start: 0, end: len };
  const dotted = (sets & ~S_DOTTED) === 0;
  // JWS/JWE/itsdangerous start with a base64url JSON header ("ey…") or "." (compressed Flask).
  if (dotted && (c0 === 0x65 || c0 === 0x2e) && (sets & S_DOT) !== 0) {
    const d = detectDotted(v);
    if (d) return d;
  }
  if (!dotted) {
    if ((sets & S_COLON) !== 0) {
      const d = detectDjango(v);
      if (d) return d;
    }
  }
  if ((sets & S_DASH) !== 0 && v.indexOf('--') !== -1) {
    const r = detectRails(v);
    if (r) return r;
  }
  if (c0 === 0x65 && v.charCodeAt(1) === 0x79 && v.charCodeAt(2) === 0x4a) {
    // "eyJ" = base64 of '{"'
    const b = detectBase64Json(v);
    if (b) return b;
  }
  if (len === 36 && RE_UUID.test(v)) return { format: 'uuid', start: 0, end: len };
  const digitAndLetter = (sets & S_DIGIT) !== 0 && (sets & S_LETTER) !== 0;
  if ((sets & ~S_HEX) === 0 && (len >= 16 || digitAndLetter)) {
    return { format: 'hex', start: 0, end: len };
  }
  if (len >= 16) {
    if ((sets & (S_PLUS | S_SLASH | S_EQ)) !== 0 && isStdBase64(v, sets)) {
      return { format: 'base64', start: 0, end: len };
    }
    if ((sets & ~S_TOKEN) === 0) {
      if (digitAndLetter) return { format: 'opaque', start: 0, end: len };
      const bits = estimateEntropyBits(v);
      if (bits >= 64) return { format: 'opaque', start: 0, end: len, bits };
    }
  }
  return { format: 'text', start: 0, end: len };
}

function stripWrappers(raw: string): string {
  let v = raw;
  // A quoted cookie-value (DQUOTE *cookie-octet DQUOTE) is legal; the quotes are not content.
  if (v.length >= 2 && v.charCodeAt(0) === 0x22 && v.charCodeAt(v.length - 1) === 0x22) v = v.slice(1, -1);
  if (v.includes('%')) v = safeDecodeURIComponent(v);
  return v;
}

/** Reduces a cookie value to its shape. Never returns the value or any part of it. */
export function analyzeValue(raw: string): ValueInfo {
  const value = typeof raw === 'string' ? raw : '';
  if (value.length === 0) return { length: 0, entropyBits: 0, format: 'empty', redacted: true };
  const v = stripWrappers(value);
  if (v.length === 0) return { length: value.length, entropyBits: 0, format: 'empty', redacted: true };
  const d = detect(v);
  const info: ValueInfo = {
    length: value.length,
    entropyBits: d.bits ?? estimateEntropyBits(v, d.start, d.end),
    format: d.format,
    redacted: true,
  };
  if (d.payloadKeys) info.payloadKeys = d.payloadKeys;
  if (d.payloadKeyCount !== undefined) info.payloadKeyCount = d.payloadKeyCount;
  return info;
}

/** Formats whose security rests on a server key (signature or encryption), not on value entropy. */
export const ENVELOPE_FORMATS: ReadonlySet<string> = new Set([
  'jwt',
  'jwt-unsigned',
  'jwe',
  'flask-signed',
  'django-signed',
  'cookie-session',
  'rails-encrypted',
  'rails-signed',
  'laravel-encrypted',
]);

/** Formats whose payload the client can read (signed at most, not encrypted). */
export const READABLE_FORMATS: ReadonlySet<string> = new Set([
  'jwt',
  'jwt-unsigned',
  'flask-signed',
  'django-signed',
  'cookie-session',
  'rails-signed',
  'json',
]);
