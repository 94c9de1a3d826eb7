/**
 * SARIF 2.1.0 rendering of a `cookie-audit-report/1` document, for GitHub code scanning and other
 * SARIF viewers.
 *
 * - Every rule of the catalog is a reportingDescriptor (id, short and full description and help from
 *   the lessons, default level, security-severity), so ruleIndex is stable between runs.
 * - Each finding is a result: level from its severity (high → error, medium → warning, low and info
 *   → note), the cookie as a logical location.
 * - Code scanning rejects http(s) artifact URIs, so each audited page is a *relative* URI resolved
 *   against a base id (SITE1, SITE2, …) declared in run.originalUriBaseIds with the site's origin.
 * - partialFingerprints are computed here (origin, rule, cookie), so an upload needs no source files
 *   to fingerprint and the same finding keeps one alert across runs.
 * - Values never appear: messages and evidence come from the report, which holds none.
 */
import { keyedHash } from './hash.ts';
import { setterText } from './report-csv.ts';
import type { LessonLookup, ReportWithWarnings } from './report-markdown.ts';
import type { CookieAuditReport, Finding, RuleInfo, Severity } from './types.ts';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SARIF_VERSION = '2.1.0' as const;

/* Minimal SARIF 2.1.0 types for what is emitted here (src/core imports no packages, not even types). */
export type SarifLevel = 'none' | 'note' | 'warning' | 'error';
export interface SarifMessage {
  text: string;
  markdown?: string;
}
export interface SarifReportingDescriptor {
  id: string;
  name: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  help: SarifMessage;
  helpUri?: string;
  defaultConfiguration: { enabled: boolean; level: SarifLevel };
  properties: { tags: string[]; precision: string; 'security-severity': string; scope: string };
}
export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId: string };
      region: { startLine: number };
    };
    logicalLocations?: { name: string; fullyQualifiedName: string; kind: string }[];
  }[];
  partialFingerprints: Record<string, string>;
  properties: Record<string, unknown>;
  /** With a baseline: new, unchanged, or absent (in the baseline, gone now), as SARIF 2.1.0 defines. */
  baselineState?: 'new' | 'unchanged' | 'absent';
  /** An accepted risk: SARIF's external suppression, status accepted, with the reason. */
  suppressions?: { kind: 'external'; status: 'accepted'; justification: string }[];
}
export interface SarifLog {
  $schema: string;
  version: typeof SARIF_VERSION;
  runs: {
    tool: {
      driver: {
        name: string;
        version: string;
        semanticVersion?: string;
        informationUri?: string;
        rules: SarifReportingDescriptor[];
      };
    };
    originalUriBaseIds: Record<string, { uri: string; description: SarifMessage }>;
    invocations: {
      executionSuccessful: boolean;
      toolExecutionNotifications: { level: SarifLevel; message: SarifMessage }[];
    }[];
    results: SarifResult[];
    properties: { sites: { origin: string; url: string; grade: string; score: number }[] };
  }[];
}

export interface SarifOptions {
  /** The rule catalog (listRules()). */
  rules: readonly RuleInfo[];
  lessons?: LessonLookup;
  /** Where the tool is documented (driver.informationUri). */
  informationUri?: string;
}

export const SARIF_LEVEL: Record<Severity, SarifLevel> = {
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/** GitHub's security-severity scale: ≥ 7 high, ≥ 4 medium, > 0 low. */
const SECURITY_SEVERITY: Record<Severity, string> = { high: '8.0', medium: '5.5', low: '3.0', info: '1.0' };

const FINGERPRINT_KEY = 'cookie-audit/sarif-fingerprint/v1';

/** "session-missing-secure" → "SessionMissingSecure" (reportingDescriptor.name). */
function pascal(id: string): string {
  return id
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join('');
}

function descriptor(rule: RuleInfo, lessons: LessonLookup | undefined): SarifReportingDescriptor {
  const lesson = lessons?.(rule.id);
  const short = lesson?.title ?? rule.title;
  const full = lesson ? `${lesson.summary} ${lesson.why}` : rule.title;
  const generic = lesson?.fixes?.generic;
  const helpText = lesson
    ? `${lesson.summary}\n\nWhy: ${lesson.why}${generic ? `\n\nFix (any stack):\n${generic}` : ''}`
    : rule.title;
  const helpMarkdown = lesson
    ? `**${short}**\n\n${lesson.summary}\n\n**Why it matters.** ${lesson.why}${generic ? `\n\n**Fix (any stack):**\n\n\`\`\`\n${generic}\n\`\`\`` : ''}`
    : rule.title;
  return {
    id: rule.id,
    name: pascal(rule.id),
    shortDescription: { text: short },
    fullDescription: { text: full },
    help: { text: helpText, markdown: helpMarkdown },
    defaultConfiguration: { enabled: true, level: SARIF_LEVEL[rule.severity] },
    properties: {
      tags: ['security', 'cookies', rule.scope === 'site' ? 'transport' : 'session-management'],
      precision: 'high',
      'security-severity': SECURITY_SEVERITY[rule.severity],
      scope: rule.scope,
    },
  };
}

/** The page's path relative to its origin, without query or fragment ("." for the root). */
export function relativePagePath(url: string, origin: string): string {
  let path = '';
  try {
    const u = new URL(url);
    path = u.origin === origin ? u.pathname : `${u.host}${u.pathname}`;
  } catch {
    path = '';
  }
  path = path.replace(/^\/+/, '');
  return path === '' ? '.' : path;
}

function message(f: Finding, subject: string): SarifMessage {
  const evidence = f.evidence ? ` Evidence: ${f.evidence}` : '';
  return { text: `${subject}: ${f.message}${evidence}` };
}

/** Renders a report as a SARIF 2.1.0 log (one run, one result per first-party finding). */
export function toSarif(report: ReportWithWarnings | CookieAuditReport, options: SarifOptions): SarifLog {
  const rules = options.rules.map((r) => descriptor(r, options.lessons));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const baseIds: SarifLog['runs'][number]['originalUriBaseIds'] = {};
  const baseIdOf = new Map<string, string>();
  const results: SarifResult[] = [];

  const baseFor = (origin: string): string => {
    let id = baseIdOf.get(origin);
    if (!id) {
      id = `SITE${baseIdOf.size + 1}`;
      baseIdOf.set(origin, id);
      baseIds[id] = { uri: `${origin}/`, description: { text: `Audited site ${origin}` } };
    }
    return id;
  };

  for (const site of report.sites) {
    const baseId = baseFor(site.origin);
    const uri = relativePagePath(site.url, site.origin);
    const add = (f: Finding, cookie: SarifCookie | null): void => {
      let index = ruleIndex.get(f.rule);
      if (index === undefined) {
        // A rule unknown to the catalog given (e.g. a newer extension): describe it from the finding.
        index = rules.length;
        rules.push(
          descriptor(
            { id: f.rule, severity: f.severity, title: f.message, scope: cookie ? 'cookie' : 'site' },
            undefined,
          ),
        );
        ruleIndex.set(f.rule, index);
      }
      results.push(
        sarifResult(f, index, site.origin, site.url, site.grade, cookie, uri, baseId, {
          ...(f.baselineState ? { baselineState: f.baselineState } : {}),
          ...(f.accepted
            ? {
                suppressions: [
                  {
                    kind: 'external',
                    status: 'accepted',
                    justification: `${f.accepted.reason}${f.accepted.until ? ` (until ${f.accepted.until})` : ''}`,
                  },
                ],
              }
            : {}),
        }),
      );
    };
    for (const f of site.findings) add(f, null);
    for (const c of site.cookies) {
      if (c.thirdParty) continue; // not graded, and not the audited site's to fix
      for (const f of c.findings) {
        add(f, {
          name: c.name,
          domain: c.domain,
          path: c.path,
          ...(c.provenance ? { setBy: setterText(c.provenance.first) } : {}),
          ...(c.provenance?.last ? { lastChangedBy: setterText(c.provenance.last) } : {}),
        });
      }
    }
  }
  // Findings of the baseline that are gone: SARIF's "absent" results, so a viewer can close them.
  for (const fixed of report.baseline?.fixed ?? []) {
    const site = report.sites.find((s) => s.origin === fixed.site);
    const index = ruleIndex.get(fixed.rule);
    if (index === undefined) continue;
    const finding: Finding = {
      rule: fixed.rule,
      severity: fixed.severity,
      message: fixed.message,
      evidence: '',
    };
    results.push(
      sarifResult(
        finding,
        index,
        fixed.site,
        site?.url ?? `${fixed.site}/`,
        site?.grade ?? '',
        fixed.cookie ?? null,
        site ? relativePagePath(site.url, site.origin) : '.',
        baseFor(fixed.site),
        { baselineState: 'absent' },
      ),
    );
  }
  return logOf(report, options, rules, baseIds, results);
}

/** The cookie a result is about, with where it came from (provenance, as text). */
interface SarifCookie {
  name: string;
  domain: string;
  path: string;
  setBy?: string;
  lastChangedBy?: string;
}

/** One result: the finding, its page as a relative URI, the cookie as a logical location. */
function sarifResult(
  f: Finding,
  index: number,
  origin: string,
  pageUrl: string,
  grade: string,
  cookie: SarifCookie | null,
  uri: string,
  baseId: string,
  extra: Partial<SarifResult>,
): SarifResult {
  const site = { origin, url: pageUrl, grade };
  const subject = cookie ? `Cookie "${cookie.name}" on ${site.origin}` : site.origin;
  const identity = cookie ? `${cookie.name}|${cookie.domain}|${cookie.path}` : '(site)';
  const result: SarifResult = {
    ruleId: f.rule,
    ruleIndex: index,
    level: SARIF_LEVEL[f.severity],
    message: message(f, subject),
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri, uriBaseId: baseId },
          region: { startLine: 1 },
        },
        ...(cookie
          ? {
              logicalLocations: [
                {
                  name: cookie.name === '' ? '(nameless)' : cookie.name,
                  fullyQualifiedName: `${site.origin} cookie ${cookie.name} (domain ${cookie.domain}, path ${cookie.path})`,
                  kind: 'member',
                },
              ],
            }
          : {}),
      },
    ],
    partialFingerprints: {
      'cookieAuditFinding/v1': keyedHash(`${site.origin}|${f.rule}|${identity}`, FINGERPRINT_KEY),
    },
    properties: {
      severity: f.severity,
      pageUrl: site.url,
      origin: site.origin,
      grade: site.grade,
      ...(cookie ? { cookie: cookie.name, cookieDomain: cookie.domain, cookiePath: cookie.path } : {}),
      ...(cookie?.setBy ? { setBy: cookie.setBy } : {}),
      ...(cookie?.lastChangedBy ? { lastChangedBy: cookie.lastChangedBy } : {}),
      ...(f.evidence ? { evidence: f.evidence } : {}),
      ...(f.fix ? { fix: f.fix.text, fixFramework: f.fix.framework } : {}),
    },
    ...extra,
  };
  return result;
}

function logOf(
  report: ReportWithWarnings | CookieAuditReport,
  options: SarifOptions,
  rules: SarifReportingDescriptor[],
  baseIds: SarifLog['runs'][number]['originalUriBaseIds'],
  results: SarifResult[],
): SarifLog {
  const warnings = 'warnings' in report && Array.isArray(report.warnings) ? report.warnings : [];
  return {
    $schema: SARIF_SCHEMA_URI,
    version: SARIF_VERSION,
    runs: [
      {
        tool: {
          driver: {
            name: report.generator.name,
            version: report.generator.version,
            ...(/^\d+\.\d+\.\d+/.test(report.generator.version)
              ? { semanticVersion: report.generator.version }
              : {}),
            ...(options.informationUri ? { informationUri: options.informationUri } : {}),
            rules,
          },
        },
        originalUriBaseIds: baseIds,
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: warnings.map((w) => ({ level: 'warning', message: { text: w } })),
          },
        ],
        results,
        properties: {
          sites: report.sites.map((s) => ({ origin: s.origin, url: s.url, grade: s.grade, score: s.score })),
        },
      },
    ],
  };
}

export function formatSarif(report: ReportWithWarnings | CookieAuditReport, options: SarifOptions): string {
  return `${JSON.stringify(toSarif(report, options), null, 2)}\n`;
}
