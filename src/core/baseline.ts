/**
 * Baselines: compare this run with an earlier JSON report, so that CI fails on what is new only.
 *
 * A finding's identity is stable across runs and never uses a value: the site (its origin, or with
 * key "host" its host name only, to compare a staging port or scheme with another), the scope
 * (site or cookie), the rule id, and for cookie findings the cookie's name, domain and path (and
 * whether it is third-party). Identities are counted, not just looked up, so a finding that appears
 * twice in this run and once in the baseline is once unchanged and once new.
 *
 * Any `cookie-audit-report/1` document is accepted as a baseline, from any version of the tool:
 * only the fields every version wrote are read, unknown ones are ignored. Pure.
 */
import { REPORT_SCHEMA } from './report.ts';
import type {
  BaselineComparison,
  CookieAuditReport,
  Finding,
  FixedFinding,
  Severity,
  SiteAudit,
} from './types.ts';
import { SEVERITIES } from './types.ts';

export type BaselineKey = 'origin' | 'host';
export const BASELINE_KEYS: readonly BaselineKey[] = ['origin', 'host'];

/** The baseline file is not a report this tool can compare with. */
export class BaselineError extends Error {}

interface BaselineFinding {
  site: string;
  scope: 'site' | 'cookie';
  rule: string;
  severity: Severity;
  message: string;
  cookie?: { name: string; domain: string; path: string; thirdParty: boolean };
}

function siteKey(origin: string, key: BaselineKey): string {
  if (key === 'origin') return origin.toLowerCase();
  const m = /^[a-z][a-z0-9+.-]*:\/\/(\[[^\]]*\]|[^:/]*)/i.exec(origin);
  return (m ? m[1] : origin).toLowerCase();
}

function identity(f: BaselineFinding, key: BaselineKey): string {
  const c = f.cookie;
  return [
    siteKey(f.site, key),
    f.scope,
    f.rule,
    c ? c.name : '',
    c ? c.domain.toLowerCase() : '',
    c ? c.path : '',
    c?.thirdParty ? '3p' : '',
  ].join('\u0000');
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function readFinding(x: unknown, site: string, cookie?: BaselineFinding['cookie']): BaselineFinding | null {
  if (!isObject(x) || typeof x.rule !== 'string') return null;
  const severity = (SEVERITIES as readonly unknown[]).includes(x.severity)
    ? (x.severity as Severity)
    : 'info';
  return {
    site,
    scope: cookie ? 'cookie' : 'site',
    rule: x.rule,
    severity,
    message: typeof x.message === 'string' ? x.message : x.rule,
    ...(cookie ? { cookie } : {}),
  };
}

export interface ParsedBaseline {
  createdAt: string;
  version: string;
  findings: BaselineFinding[];
}

/** Reads a baseline report (already JSON-parsed). Throws BaselineError when it is not one. */
export function parseBaseline(raw: unknown): ParsedBaseline {
  if (!isObject(raw)) throw new BaselineError('the baseline is not a JSON object');
  if (raw.schema !== REPORT_SCHEMA) {
    throw new BaselineError(
      `the baseline is not a Cookie Audit JSON report (schema ${typeof raw.schema === 'string' ? `"${raw.schema.slice(0, 60)}"` : 'missing'}, expected "${REPORT_SCHEMA}"; write one with --format json)`,
    );
  }
  if (!Array.isArray(raw.sites)) throw new BaselineError('the baseline report has no "sites" list');
  const findings: BaselineFinding[] = [];
  for (const s of raw.sites) {
    if (!isObject(s) || typeof s.origin !== 'string') continue;
    const origin = s.origin;
    if (Array.isArray(s.findings)) {
      for (const f of s.findings) {
        const read = readFinding(f, origin);
        if (read) findings.push(read);
      }
    }
    if (!Array.isArray(s.cookies)) continue;
    for (const c of s.cookies) {
      if (!isObject(c) || typeof c.name !== 'string' || !Array.isArray(c.findings)) continue;
      const cookie = {
        name: c.name,
        domain: typeof c.domain === 'string' ? c.domain : '',
        path: typeof c.path === 'string' ? c.path : '/',
        thirdParty: c.thirdParty === true,
      };
      for (const f of c.findings) {
        const read = readFinding(f, origin, cookie);
        if (read) findings.push(read);
      }
    }
  }
  const generator = isObject(raw.generator) ? raw.generator : {};
  return {
    createdAt: typeof raw.createdAt === 'string' ? raw.createdAt : '',
    version: typeof generator.version === 'string' ? generator.version : 'unknown',
    findings,
  };
}

function currentFindings(site: SiteAudit): { finding: Finding; id: BaselineFinding }[] {
  const out: { finding: Finding; id: BaselineFinding }[] = [];
  for (const f of site.findings) {
    out.push({
      finding: f,
      id: { site: site.origin, scope: 'site', rule: f.rule, severity: f.severity, message: f.message },
    });
  }
  for (const c of site.cookies) {
    const cookie = { name: c.name, domain: c.domain, path: c.path, thirdParty: c.thirdParty };
    for (const f of c.findings) {
      out.push({
        finding: f,
        id: {
          site: site.origin,
          scope: 'cookie',
          rule: f.rule,
          severity: f.severity,
          message: f.message,
          cookie,
        },
      });
    }
  }
  return out;
}

/**
 * A copy of `report` where every finding says `new` or `unchanged`, with a `baseline` section that
 * counts them and lists the baseline's findings that are gone (`fixed`).
 */
export function compareWithBaseline<R extends CookieAuditReport>(
  report: R,
  baseline: ParsedBaseline,
  key: BaselineKey = 'origin',
): R {
  const remaining = new Map<string, BaselineFinding[]>();
  for (const f of baseline.findings) {
    const id = identity(f, key);
    const list = remaining.get(id);
    if (list) list.push(f);
    else remaining.set(id, [f]);
  }
  let fresh = 0;
  let unchanged = 0;
  const sites = report.sites.map((site) => {
    const copy: SiteAudit = {
      ...site,
      findings: site.findings.map((f) => ({ ...f })),
      cookies: site.cookies.map((c) => ({ ...c, findings: c.findings.map((f) => ({ ...f })) })),
    };
    for (const { finding, id } of currentFindings(copy)) {
      const list = remaining.get(identity(id, key));
      if (list && list.length > 0) {
        list.pop();
        finding.baselineState = 'unchanged';
        unchanged++;
      } else {
        finding.baselineState = 'new';
        fresh++;
      }
    }
    return copy;
  });
  const fixed: FixedFinding[] = [];
  for (const list of remaining.values()) {
    for (const f of list) {
      fixed.push({
        site: f.site,
        scope: f.scope,
        rule: f.rule,
        severity: f.severity,
        message: f.message,
        ...(f.cookie
          ? { cookie: { name: f.cookie.name, domain: f.cookie.domain, path: f.cookie.path } }
          : {}),
      });
    }
  }
  const comparison: BaselineComparison = {
    key,
    baselineCreatedAt: baseline.createdAt,
    baselineVersion: baseline.version,
    counts: { new: fresh, unchanged, fixed: fixed.length },
    fixed,
  };
  return { ...report, sites, baseline: comparison };
}
