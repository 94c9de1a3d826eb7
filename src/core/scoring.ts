/**
 * Scoring, kept apart from detection (rules) and wording (lessons). Algorithm (docs/scoring.md):
 *
 *  - start at 100 (MDN Observatory's baseline);
 *  - every rule has a penalty per severity (table below); a rule counts once per site, at its
 *    worst counted occurrence (ten tracking cookies without Secure are one problem, not ten);
 *  - the penalties of different rules add up; the score never goes below 0;
 *  - third-party cookies, deletion cookies and ignored names are reported but never counted;
 *  - +5 bonus, only when the score is already ≥ 90, if every counted cookie is Secure, every session
 *    cookie is HttpOnly and every cookie has a valid SameSite (Observatory's
 *    cookies-secure-with-httponly-sessions-and-samesite);
 *  - the letter comes from Observatory's chart on min(score − score mod 5, 100).
 */
import type { Grade, Severity } from './types.ts';

export const BASELINE = 100;
export const BONUS = 5;
export const MIN_SCORE_FOR_BONUS = 90;

/** Penalty (points subtracted) per rule and severity. Severities a rule never emits are omitted. */
export const PENALTIES: Readonly<Record<string, Readonly<Partial<Record<Severity, number>>>>> = {
  'session-missing-secure': { high: 40, medium: 10 },
  'session-missing-httponly': { high: 30 },
  'session-missing-samesite': { low: 5 },
  'session-samesite-none': { low: 5 },
  'session-set-over-http': { high: 40 },
  'session-sent-over-http': { high: 40 },
  'session-long-lived': { low: 5 },
  'session-low-entropy': { high: 40, medium: 20 },
  'session-not-rotated-on-login': { high: 30 },
  'session-client-readable': { low: 5, info: 0 },
  'session-jwt-unsigned': { high: 40 },
  'session-in-url': { medium: 20 },
  'session-default-name': { info: 0 },
  'session-no-prefix': { info: 0 },
  'identity-in-plain-cookie': { high: 30, medium: 10 },
  'csrf-missing-secure': { medium: 20, low: 5 },
  'csrf-missing-samesite': { medium: 20 },
  'cookie-missing-secure': { medium: 20, low: 5, info: 0 },
  'cookie-missing-httponly': { info: 0 },
  'samesite-invalid': { medium: 20 },
  'samesite-none-insecure': { medium: 20 },
  'prefix-secure-invalid': { medium: 10 },
  'prefix-host-invalid': { medium: 10 },
  'prefix-http-invalid': { medium: 10 },
  'domain-too-broad': { low: 5, info: 0 },
  'domain-rejected': { info: 0 },
  'expiry-over-400-days': { info: 0 },
  'cookie-too-large': { low: 0, info: 0 },
  'session-eviction-risk': { medium: 5, low: 0 },
  'partitioned-insecure': { low: 5 },
  'nameless-cookie': { info: 0 },
  // 0 on purpose: the cookie is dropped, and the real defect (serving over http://) is scored by
  // session-set-over-http / https-redirect-missing. A penalty here would make adding Secure lower
  // the score on an http:// page, breaking the monotonicity guarantee.
  'secure-cookie-over-http': { low: 0 },
  'hsts-missing': { medium: 20 },
  'hsts-short': { low: 10 },
  'hsts-disabled': { medium: 20 },
  'hsts-invalid': { medium: 20 },
  'hsts-no-subdomains': { low: 5, info: 0 },
  'hsts-no-preload': { info: 0 },
  'https-redirect-missing': { medium: 20 },
  'https-redirect-insecure-hop': { low: 10 },
  'https-redirect-off-host': { low: 5 },
  'mixed-http-https': { low: 5 },
};

/** Used when a user's severity override picks a severity the table has no entry for. */
export const SEVERITY_FALLBACK: Readonly<Record<Severity, number>> = {
  high: 30,
  medium: 20,
  low: 5,
  info: 0,
};

export function penaltyFor(rule: string, severity: Severity): number {
  return PENALTIES[rule]?.[severity] ?? SEVERITY_FALLBACK[severity];
}

export interface ScoredFinding {
  rule: string;
  severity: Severity;
}

/** Score from the counted findings; `hardened` is the bonus condition (see the header comment). */
export function computeScore(findings: readonly ScoredFinding[], hardened: boolean): number {
  const worst = new Map<string, number>();
  for (const f of findings) {
    const p = penaltyFor(f.rule, f.severity);
    if (p > (worst.get(f.rule) ?? -1)) worst.set(f.rule, p);
  }
  let total = 0;
  for (const p of worst.values()) total += p;
  let score = Math.max(0, BASELINE - total);
  if (hardened && score >= MIN_SCORE_FOR_BONUS) score += BONUS;
  return score;
}

/** MDN Observatory's letter chart, looked up on min(score − score mod 5, 100). */
const GRADE_CHART: readonly [number, Grade][] = [
  [100, 'A+'],
  [90, 'A'],
  [85, 'A-'],
  [80, 'B+'],
  [70, 'B'],
  [65, 'B-'],
  [60, 'C+'],
  [50, 'C'],
  [45, 'C-'],
  [40, 'D+'],
  [30, 'D'],
  [25, 'D-'],
];

export function gradeForScore(score: number): Grade {
  const s = Number.isFinite(score) ? Math.min(score - (score % 5), 100) : 0;
  for (const [min, grade] of GRADE_CHART) if (s >= min) return grade;
  return 'F';
}

const GRADE_ORDER: readonly Grade[] = [
  'F',
  'D-',
  'D',
  'D+',
  'C-',
  'C',
  'C+',
  'B-',
  'B',
  'B+',
  'A-',
  'A',
  'A+',
];

/** 0 (F) … 12 (A+): compare grades. */
export function gradeRank(grade: Grade): number {
  return GRADE_ORDER.indexOf(grade);
}
