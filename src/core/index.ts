/**
 * The audit engine's public API, and its only door: outside src/core/, code imports the engine from
 * here (a Biome rule). Pure: no browser API, no Node API, no DOM (enforced by Biome's
 * noRestrictedImports, test/unit/core/purity.test.ts and src/core/tsconfig.json).
 */

export {
  acceptanceEnd,
  isExpired as isAcceptanceExpired,
  riskCovers,
} from './accepted-risks.ts';
export { auditSite, DEFAULT_SETTINGS, isIgnored, LOOPBACK_NOTE } from './audit.ts';
export type { BaselineKey, ParsedBaseline } from './baseline.ts';
export { BASELINE_KEYS, BaselineError, compareWithBaseline, parseBaseline } from './baseline.ts';
export type { BrowserCookieVerdict } from './browser-verdicts.ts';
export { attachBrowserVerdicts } from './browser-verdicts.ts';
export { classifyCookie, detectFrameworks, stripChunkSuffix, stripCookiePrefix } from './classify.ts';
export type { CookieHeaderPair } from './cookie-header.ts';
export { cookieHeaderNames, MAX_COOKIE_HEADER_PAIRS, parseCookieHeader } from './cookie-header.ts';
export { observationsForExport } from './export-observations.ts';
export { harToSiteObservations } from './har.ts';
export { keyedHash, sipHash24Hex } from './hash.ts';
export { HSTS_ONE_YEAR, HSTS_SIX_MONTHS, parseHsts } from './hsts.ts';
export type { ModelledCookie } from './jar-model.ts';
export { COOKIES_AFTER_EVICTION, MAX_COOKIES_PER_DOMAIN, modelJar, storedBy } from './jar-model.ts';
export {
  MAX_LIFETIME_SECONDS,
  observeJarCookie,
  observeSetCookie,
  refusedByBrowser,
  replacesSighting,
} from './observe.ts';
export { parseCookieDate, parseSetCookie } from './parse.ts';
export {
  acceptedText,
  baselineSummary,
  buildReport,
  expiredText,
  fixedText,
  formatText,
  REPORT_SCHEMA,
} from './report.ts';
export { CSV_COLUMNS, csvSafe, formatCsv, setterText } from './report-csv.ts';
export type { RenderOptions, ReportFormat } from './report-export.ts';
export {
  findingsAtOrAbove,
  REPORT_FORMATS,
  REPORT_MIME,
  renderReport,
  reportFileName,
  withWarnings,
} from './report-export.ts';
export type { LessonLookup, MarkdownOptions, ReportWithWarnings, RuleLesson } from './report-markdown.ts';
export { formatMarkdown, mdCode, mdText } from './report-markdown.ts';
export type { SarifLevel, SarifLog, SarifOptions, SarifResult } from './report-sarif.ts';
export { formatSarif, relativePagePath, SARIF_LEVEL, SARIF_SCHEMA_URI, toSarif } from './report-sarif.ts';
export type { AuditCookie, CookieRule, RawFinding, Rule, SiteFacts, SiteRule } from './rules/index.ts';
export { getRule, listRules, RULES } from './rules/index.ts';
export { renderRulesMarkdown } from './rules/render-docs.ts';
export { BASELINE, computeScore, gradeForScore, gradeRank, PENALTIES, penaltyFor } from './scoring.ts';
export { seededRandom } from './seeded-random.ts';
export type { BadgeMode, BadgeSettings, SettingsValidation, UserSettings } from './settings.ts';
export {
  BADGE_MODES,
  badgeShowsGrade,
  DEFAULT_SESSION_MAX_LIFETIME_SECONDS,
  defaultUserSettings,
  GRADES,
  infrastructureIgnoreNames,
  MAX_IGNORE_NAMES_BYTES,
  MAX_PROBLEM_LENGTH,
  MAX_PROBLEMS,
  SETTINGS_SCHEMA,
  toAuditSettings,
  validateAcceptedRisk,
  validateSettings,
} from './settings.ts';
export { cspHash, sha256 } from './sha256.ts';
export { emptySiteObservations } from './site-observations.ts';
export type * from './types.ts';
export { FRAMEWORK_NAMES, FRAMEWORKS, SEVERITIES } from './types.ts';
export { findSessionTokensInUrl, scrubText, scrubUrl, stripQuery } from './url-tokens.ts';
export { analyzeValue, estimateEntropyBits } from './value.ts';
