import { ENVELOPE_FORMATS } from '../value.ts';
import type { CookieRule } from './types.ts';
import { cookieEvidence, NONE } from './util.ts';

/** OWASP: at least 64 bits of entropy. A single-sample estimate: a heuristic, stated as such. */
export const MIN_SESSION_BITS = 64;

export const rule: CookieRule = {
  id: 'session-low-entropy',
  title: 'Session identifier looks guessable',
  scope: 'cookie',
  defaultSeverity: 'high',
  lesson: 'session-low-entropy',
  check({ cookie }) {
    const v = cookie.obs.value;
    if (cookie.classification.role !== 'session' || v.length === 0 || v.format === 'empty') return NONE;
    // Signed or encrypted envelopes rest on the server key, not on the value's randomness.
    if (ENVELOPE_FORMATS.has(v.format)) return NONE;
    if (v.entropyBits < MIN_SESSION_BITS) {
      return [
        {
          evidence: cookieEvidence(
            cookie,
            `estimated ${v.entropyBits} bits (${v.format}, ${v.length} characters); at least ${MIN_SESSION_BITS} needed`,
          ),
        },
      ];
    }
    if (v.format === 'numeric') {
      return [
        {
          evidence: cookieEvidence(
            cookie,
            `purely numeric (${v.length} digits): sequential or time-based IDs are guessable`,
          ),
          severity: 'medium',
        },
      ];
    }
    return NONE;
  },
};
