/**
 * The library's audits, wired the way the CLI and the extension wire the engine: the lesson texts
 * word every finding, settings are validated like `--config` and the options page, and reports carry
 * the package version. One place, so `cookie-audit --har`, the library and the Playwright helper
 * cannot drift apart.
 */
import {
  auditSite,
  buildReport,
  type CookieAuditReport,
  harToSiteObservations,
  listRules,
  type ReportFormat,
  type ReportWithWarnings,
  renderReport,
  type SiteAudit,
  type SiteObservations,
  toAuditSettings,
  type UserSettings,
  validateSettings,
  withWarnings,
} from '../core/index.ts';
import { lessonFor, wording } from '../lessons/index.ts';
import { htmlReport } from '../report/html-document.ts';
import { VERSION } from './version.ts';

/** Settings that do not validate (the message names the first problem). */
export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Invalid settings: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more problem(s))` : ''}`,
    );
    this.name = 'SettingsError';
  }
}

export interface LibraryAuditOptions {
  /**
   * `cookie-audit-settings/1` settings, the JSON of `--config` and of the options page (every field
   * optional). Validated: any problem throws a SettingsError. Omitted: the defaults.
   */
  settings?: Partial<UserSettings> | UserSettings | unknown;
  /** Time the cookies' expiry is judged at (ms since epoch); default: the latest observation. */
  now?: number;
  /** Report timestamp; default: now. */
  createdAt?: string;
}

/** Validates settings like `--config` does; throws SettingsError on any problem. */
export function resolveSettings(settings: unknown): UserSettings {
  const { settings: valid, problems } = validateSettings(settings ?? {});
  if (problems.length > 0) throw new SettingsError(problems);
  return valid;
}

/** Audits one site's observations with the lesson wording (the extension's and the CLI's verdict). */
export function auditObservations(site: SiteObservations, options: LibraryAuditOptions = {}): SiteAudit {
  const settings = toAuditSettings(resolveSettings(options.settings));
  return auditSite(site, options.now ? { ...settings, now: options.now } : settings, wording);
}

/** A `cookie-audit-report/1` report over several sites' observations. */
export function auditSites(
  sites: readonly SiteObservations[],
  options: LibraryAuditOptions = {},
): CookieAuditReport {
  const audits = sites.map((site) => auditObservations(site, options));
  return buildReport(audits, { version: VERSION, createdAt: options.createdAt ?? new Date().toISOString() });
}

/**
 * Audits a HAR 1.2 object (already parsed) offline, as `cookie-audit --har` does: one site per page,
 * with `warnings` (a sanitized export, malformed entries). Never throws on bad input, except for
 * invalid settings.
 */
export function auditHar(har: unknown, options: LibraryAuditOptions = {}): ReportWithWarnings {
  const settings = resolveSettings(options.settings);
  const { sites, warnings } = harToSiteObservations(har, { now: options.now ?? Date.now() });
  return withWarnings(auditSites(sites, { ...options, settings }), warnings);
}

/** Renders a report as text, json, md or sarif, with the rule catalog and the lessons' fixes. */
export function formatReport(report: ReportWithWarnings | CookieAuditReport, format: ReportFormat): string {
  return renderReport(report, format, { rules: listRules(), lessons: lessonFor, html: htmlReport });
}
