import type { CookieRule } from './types.ts';
import { cookieEvidence, NONE } from './util.ts';

/** Names that hold who the user is (normalised: lower-case, separators removed, prefix removed). */
const IDENTITY = new Set(['accountid', 'acctid', 'customerid', 'memberid', 'uid', 'user', 'userid', 'usrid']);
/** Names that hold what the user may do. */
const PRIVILEGE = new Set([
  'accesslevel',
  'admin',
  'isadmin',
  'isroot',
  'isstaff',
  'issuperuser',
  'permission',
  'permissions',
  'perms',
  'privilege',
  'privileges',
  'role',
  'roles',
  'staff',
  'superuser',
  'userlevel',
  'userrole',
  'usertype',
]);
/** Boolean "you are logged in" flags. */
const AUTH_FLAGS = new Set([
  'auth',
  'authenticated',
  'authorized',
  'isauthenticated',
  'isloggedin',
  'loggedin',
]);
/** Display-ish identity: often a convenience, still forgeable if trusted. */
const DISPLAY = new Set([
  'email',
  'login',
  'loginname',
  'mail',
  'uname',
  'username',
  'usermail',
  'useremail',
]);

const PAYLOAD_KEYS =
  /^(role|roles|is_?admin|admin|user_?id|uid|permissions?|is_?staff|is_?superuser|access_?level)$/i;

/** Formats a client can rewrite at will: no signature, no encryption, no randomness. */
const PLAIN = new Set(['numeric', 'text', 'uuid', 'json', 'hex']);

export function normaliseName(name: string): string {
  return name
    .replace(/^__(host|secure)-/i, '')
    .toLowerCase()
    .replace(/[-_.\s]/g, '');
}

/**
 * The anti-pattern the lessons open with: the server trusts `user_id=123`, `role=admin`,
 * `is_admin=true` or `username=alice` from a cookie the user can edit. High for identity ids,
 * privileges and logged-in flags; medium for display names and e-mail addresses.
 */
export const rule: CookieRule = {
  id: 'identity-in-plain-cookie',
  title: 'Identity or privilege kept in a plain, forgeable cookie',
  scope: 'cookie',
  defaultSeverity: 'high',
  lesson: 'identity-in-plain-cookie',
  check({ cookie, site }) {
    const role = cookie.classification.role;
    if (role === 'tracking' || role === 'infrastructure' || role === 'csrf') return NONE;
    const v = cookie.obs.value;
    if (v.length === 0) return NONE;
    // base64 JSON without a `<name>.sig` companion is as forgeable as plain JSON.
    const unsignedJson =
      v.format === 'cookie-session' && !site.cookies.some((c) => c.obs.name === `${cookie.obs.name}.sig`);
    const plain = PLAIN.has(v.format) || unsignedJson;
    if (!plain) return NONE;
    if (v.format === 'hex' && v.length > 24) return NONE;
    const n = normaliseName(cookie.obs.name);
    if (PRIVILEGE.has(n)) {
      return [{ evidence: cookieEvidence(cookie, `plain ${v.format} privilege the user can change`) }];
    }
    if (IDENTITY.has(n)) {
      // An id (numeric, UUID, hex) is what servers trust; a name in text is often only displayed.
      if (v.format === 'text') {
        return [
          { evidence: cookieEvidence(cookie, 'plain identity the user can change'), severity: 'medium' },
        ];
      }
      return [{ evidence: cookieEvidence(cookie, `plain ${v.format} user id the user can change`) }];
    }
    if (AUTH_FLAGS.has(n) && v.length <= 5 && (v.format === 'text' || v.format === 'numeric')) {
      return [{ evidence: cookieEvidence(cookie, 'a logged-in flag the user can set') }];
    }
    if (DISPLAY.has(n) && v.format === 'text') {
      return [{ evidence: cookieEvidence(cookie, 'plain identity the user can change'), severity: 'medium' }];
    }
    if ((v.format === 'json' || unsignedJson) && v.payloadKeys?.some((k) => PAYLOAD_KEYS.test(k))) {
      const keys = v.payloadKeys.filter((k) => PAYLOAD_KEYS.test(k));
      return [
        { evidence: cookieEvidence(cookie, `unsigned ${v.format} payload with keys: ${keys.join(', ')}`) },
      ];
    }
    return NONE;
  },
};
