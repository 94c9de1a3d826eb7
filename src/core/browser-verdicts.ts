/**
 * The browser's own word on each cookie, beside the engine's: Chromium says, through CDP, which
 * Set-Cookie lines it blocked and why (Network.responseReceivedExtraInfo blockedCookies), which it
 * stored only by an exemption (exemptedCookies), and raises cookie issues (Audits domain). The CLI
 * collects these as BrowserCookieVerdicts (names and reasons only, never a value); this module puts
 * them on the report's cookies and says, in the report's warnings, where the browser and the engine
 * disagree — so every CLI run is also a check of the engine's model.
 */
import { domainMatch } from './domain.ts';
import type { AuditedCookie, BrowserVerdict, CookieAuditReport } from './types.ts';

/** One Set-Cookie line as the browser judged it (from one response). */
export interface BrowserCookieVerdict {
  browser: 'chromium';
  /** Host of the response that carried the line. */
  host: string;
  /** The cookie's name (parsed by the browser, or from the line); never the value. */
  name: string;
  /** The browser blocked the line: its reasons (CDP SetCookieBlockedReason, e.g. SameSiteNoneInsecure). */
  blocked?: string[];
  /** The browser stored it by an exemption (CDP CookieExemptionReason). */
  exempted?: string;
  /** Cookie issues the browser raised for the line (Audits: ExcludeSameSiteNoneInsecure, Warn…). */
  issues?: string[];
  /** Only an Audits issue said this (no response line seen for it). */
  issueOnly?: boolean;
}

/**
 * Reasons that depend on the context the cookie was set in (a cross-site request, the user's
 * third-party cookie setting), which the engine does not judge: shown, never called a disagreement.
 */
const CONTEXT_REASONS: ReadonlySet<string> = new Set([
  'SameSiteStrict',
  'SameSiteLax',
  'SameSiteUnspecifiedTreatedAsLax',
  'SchemefulSameSiteStrict',
  'SchemefulSameSiteLax',
  'SchemefulSameSiteUnspecifiedTreatedAsLax',
  'UserPreferences',
  'ThirdPartyPhaseout',
  'ThirdPartyBlockedInFirstPartySet',
  'SamePartyFromCrossPartyContext',
  'OverwriteSecure',
  'UnknownError',
]);

function belongsTo(cookie: AuditedCookie, v: BrowserCookieVerdict): boolean {
  if (v.name !== cookie.name) return false;
  // A refused Domain names another host: then the name (and the response's site) is what matches.
  return cookie.rejected !== undefined || domainMatch(v.host, cookie.domain) || v.host === cookie.domain;
}

function verdictText(v: BrowserVerdict): string {
  const words = [
    ...(v.issues ?? []),
    ...(v.blocked ?? []).filter((b) => !v.issues?.some((i) => i.includes(b))),
  ];
  if (v.exempted) words.push(`stored by exemption ${v.exempted}`);
  return `Chromium: ${words.length > 0 ? words.join(', ') : 'stored'}`;
}

/**
 * Adds `browserVerdict` to each cookie the browser reported on, and returns the warnings for the
 * report: one per cookie where the browser and the engine disagree, naming both verdicts.
 */
export function attachBrowserVerdicts(
  report: CookieAuditReport,
  verdicts: readonly BrowserCookieVerdict[],
): string[] {
  const warnings: string[] = [];
  if (verdicts.length === 0) return warnings;
  for (const site of report.sites) {
    for (const cookie of site.cookies) {
      const mine = verdicts.filter((v) => belongsTo(cookie, v));
      if (mine.length === 0) continue;
      // The latest line decides, as in the jar; earlier blocked ones still show their reasons.
      const lines = mine.filter((v) => !v.issueOnly);
      const last = lines[lines.length - 1] ?? mine[mine.length - 1];
      const stored = last.issueOnly
        ? !(last.issues ?? []).some((i) => i.startsWith('Exclude'))
        : !last.blocked?.length;
      const verdict: BrowserVerdict = { browser: 'chromium', stored, text: '' };
      const blocked = [...new Set(mine.flatMap((v) => v.blocked ?? []))];
      const issues = [...new Set(mine.flatMap((v) => v.issues ?? []))];
      if (blocked.length > 0) verdict.blocked = blocked;
      if (issues.length > 0) verdict.issues = issues;
      if (last.exempted) verdict.exempted = last.exempted;
      verdict.text = verdictText(verdict);
      cookie.browserVerdict = verdict;
      if (cookie.deletion) continue;
      const engineRefuses = (cookie.rejected?.length ?? 0) > 0 && cookie.storedDespiteRejection !== true;
      const storageBlock = last.issueOnly ? [] : (last.blocked ?? []).filter((r) => !CONTEXT_REASONS.has(r));
      const who = `cookie "${cookie.name}" on ${cookie.domain}`;
      if (engineRefuses && verdict.stored && !last.issueOnly) {
        warnings.push(
          `The engine and Chromium disagree on ${who}: engine: rejected (${cookie.rejected?.join(', ')}); ${verdict.text}.`,
        );
      } else if (!engineRefuses && storageBlock.length > 0) {
        warnings.push(
          `The engine and Chromium disagree on ${who}: engine: stored; Chromium: blocked (${storageBlock.join(', ')}).`,
        );
      }
    }
  }
  return warnings;
}
