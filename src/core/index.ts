/**
 * The audit engine's public API. Pure: no browser API, no Node API (enforced by Biome's
 * noRestrictedImports and test/unit/core-purity.test.ts).
 */
export { auditSite, DEFAULT_SETTINGS, isIgnored, LOOPBACK_NOTE } from './audit.ts';
export { classifyCookie, detectFrameworks, stripChunkSuffix, stripCookiePrefix } from './classify.ts';
export { harToSiteObservations } from './har.ts';
export { keyedHash, sipHash24Hex } from './hash.ts';
export { HSTS_ONE_YEAR, HSTS_SIX_MONTHS, parseHsts } from './hsts.ts';
export { MAX_LIFETIME_SECONDS, observeJarCookie, observeSetCookie } from './observe.ts';
export { parseCookieDate, parseSetCookie } from './parse.ts';
export { buildReport, formatText, REPORT_SCHEMA } from './report.ts';
export type { AuditCookie, CookieRule, RawFinding, Rule, SiteFacts, SiteRule } from './rules/index.ts';
export { getRule, listRules, RULES } from './rules/index.ts';
export { BASELINE, computeScore, gradeForScore, gradeRank, PENALTIES, penaltyFor } from './scoring.ts';
export type * from './types.ts';
export { FRAMEWORKS, SEVERITIES } from './types.ts';
export { analyzeValue, estimateEntropyBits } from './value.ts';
