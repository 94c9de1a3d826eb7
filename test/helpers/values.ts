/** Realistic cookie values in each framework's format, built deterministically (tests only). */
const b64u = (s: string | Buffer) => Buffer.from(s).toString('base64url');
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

/** Deterministic pseudo-random bytes (xorshift). */
export function bytes(n: number, seed = 1): Buffer {
  let x = seed >>> 0 || 1;
  const out = Buffer.alloc(n);
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

export function randomChars(n: number, alphabet: string, seed = 7): string {
  const b = bytes(n, seed);
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[b[i] % alphabet.length];
  return s;
}

export const LOWER_DIGITS = 'abcdefghijklmnopqrstuvwxyz0123456789';
export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export const VALUES = {
  django: randomChars(32, LOWER_DIGITS, 11),
  php: randomChars(26, '0123456789abcdefghijklmnopqrstuv', 12),
  laravelId: randomChars(40, ALNUM, 13),
  aspnet: randomChars(24, 'abcdefghijklmnopqrstuvwxyz012345', 14),
  hex32: bytes(16, 15).toString('hex'),
  uuid: '3f2b8c1e-9a4d-4e7b-8c2f-1d6e5a9b0c47',
  expressSigned: `s%3A${b64u(bytes(24, 16))}.${b64(bytes(32, 17)).replace(/=+$/, '')}`,
  flask: `${b64u('{"_fresh":false,"_user_id":"42","csrf_token":"abc"}')}.ZxQk3A.${b64u(bytes(20, 18))}`,
  flaskCompressed: `.eJyrVopPy0kszkgtUrIqKSpN1VEqLU4tykvMTVWyUkrOyUlNLkktUqoFAG8cDGc.ZxQk3A.${b64u(bytes(20, 19))}`,
  djangoSigned: `${b64u('{"_auth_user_id":"7","_auth_user_backend":"x"}')}:1tXyZa:${b64u(bytes(32, 20))}`,
  cookieSession: b64('{"userId":42,"views":3}'),
  railsEncrypted: `${b64(bytes(96, 21))}--${b64(bytes(12, 22))}--${b64(bytes(16, 23))}`,
  railsSigned: `${b64('{"_rails":{"message":"x"}}')}--${bytes(20, 24).toString('hex')}`,
  laravelEncrypted: b64(
    JSON.stringify({
      iv: b64(bytes(16, 25)),
      value: b64(bytes(48, 26)),
      mac: bytes(32, 27).toString('hex'),
      tag: '',
    }),
  ),
  jwt: `${b64u('{"alg":"HS256","typ":"JWT"}')}.${b64u('{"sub":"42","email":"a@b.c","exp":1900000000}')}.${b64u(bytes(32, 28))}`,
  jwtNone: `${b64u('{"alg":"none","typ":"JWT"}')}.${b64u('{"sub":"42","role":"admin"}')}.`,
  jwtTwoParts: `${b64u('{"alg":"HS256"}')}.${b64u('{"sub":"42"}')}`,
  jwe: `${b64u('{"alg":"dir","enc":"A256GCM"}')}..${b64u(bytes(12, 29))}.${b64u(bytes(200, 30))}.${b64u(bytes(16, 31))}`,
  json: '{"theme":"dark","userId":5}',
  base64Binary: b64(bytes(32, 32)),
};
