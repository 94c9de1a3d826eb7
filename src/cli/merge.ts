/**
 * `cookie-audit merge a.json b.json … [--format …]`: one report from the JSON reports of shards (or
 * of any runs). Sites are unioned; each site's observations are merged as one browser profile would
 * have kept them and audited again by the same engine, so grades come from the merged cookies and
 * findings, never from averaging grades. Needs the `observations` the CLI writes into JSON reports.
 */
import { cookieKey } from '../background/state.ts';
import type { CookieAuditReport, CookieObservation, SiteObservations } from '../core/index.ts';
import {
  auditSite,
  buildReport,
  defaultUserSettings,
  type ReportWithWarnings,
  toAuditSettings,
  type UserSettings,
  validateSettings,
} from '../core/index.ts';
import { wording } from '../lessons/index.ts';
import { readJsonFile } from './json.ts';
import { UsageError } from './reach-common.ts';

/** What the CLI adds to a JSON report so that it can be merged and re-graded (schema: additive). */
export interface MergeableFields {
  /** The engine's input per site: cookies (values reduced to their shape), responses, redirects… */
  observations?: SiteObservations[];
  /** The settings the grades were computed with. */
  settings?: UserSettings;
  /** Checks that could not run, with why (e.g. session rotation with --storage-state). */
  notTested?: { rule: string; reason: string }[];
  /** How the browser of a live audit ran. */
  run?: RunInfo;
}

/** How the browser of a live audit ran (schema: `run`). */
export interface RunInfo {
  browser: 'chromium' | 'firefox';
  /** offBecause: why the browser ran without its sandbox (e.g. "running as root"). */
  sandbox: { enabled: boolean; offBecause?: string };
}

export type MergeableReport = ReportWithWarnings & MergeableFields;

function byTime<T extends { observedAt: number }>(a: T, b: T): number {
  return a.observedAt - b.observedAt;
}

/** Repeated entries (the same event seen by two shards' identical visits) are kept once. */
function unionByJson<T extends { observedAt: number }>(lists: readonly T[][]): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const item of lists.flat().sort(byTime)) {
    const { observedAt: _t, ...rest } = item;
    const key = JSON.stringify(rest);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(item);
  }
  return out;
}

function lastSeen(site: SiteObservations): number {
  let t = 0;
  for (const r of site.responses) t = Math.max(t, r.observedAt);
  for (const c of site.cookies) t = Math.max(t, c.observedAt);
  return t;
}

/** One site's observations from several runs, as one profile that made all their visits holds them. */
export function mergeSiteObservations(sites: readonly SiteObservations[]): SiteObservations {
  const cookies = new Map<string, CookieObservation>();
  for (const c of sites.flatMap((s) => s.cookies).sort(byTime)) cookies.set(cookieKey(c), c);
  const latest = [...sites].sort((a, b) => lastSeen(a) - lastSeen(b)).at(-1) ?? sites[0];
  const checks = sites.flatMap((s) => (s.redirectCheck ? [s.redirectCheck] : [])).sort(byTime);
  const answered = checks.filter((c) => c.status !== null);
  const schemes = new Set(sites.flatMap((s) => s.schemesSeen));
  const redirectCheck = answered.at(-1) ?? checks.at(-1);
  return {
    url: latest.url,
    origin: latest.origin,
    cookies: [...cookies.values()],
    responses: unionByJson(sites.map((s) => s.responses)),
    redirects: unionByJson(sites.map((s) => s.redirects)),
    ...(redirectCheck ? { redirectCheck } : {}),
    sentInClear: unionByJson(sites.map((s) => s.sentInClear)),
    logins: unionByJson(sites.map((s) => s.logins)),
    sessionInUrl: unionByJson(sites.map((s) => s.sessionInUrl)),
    schemesSeen: (['http', 'https'] as const).filter((s) => schemes.has(s)),
  };
}

function isReport(value: unknown): value is MergeableReport {
  const r = value as Partial<CookieAuditReport> | null;
  return (
    typeof r === 'object' && r !== null && r.schema === 'cookie-audit-report/1' && Array.isArray(r.sites)
  );
}

export function readReport(file: string): MergeableReport {
  const raw = readJsonFile(file, file);
  if (!isReport(raw)) throw new UsageError(`${file} is not a cookie-audit-report/1 JSON report`);
  if (!Array.isArray(raw.observations)) {
    throw new UsageError(
      `${file} carries no observations to re-grade from (written by an older cookie-audit?): audit again with --format json`,
    );
  }
  return raw;
}

function settingsOf(reports: readonly MergeableReport[], files: readonly string[]): UserSettings {
  const given = reports.map((r) => JSON.stringify(r.settings ?? null));
  const differs = given.findIndex((g) => g !== given[0]);
  if (differs > 0) {
    throw new UsageError(
      `${files[differs]} was audited with other settings than ${files[0]}: merge reports made with the same --config and --ignore`,
    );
  }
  const first = reports[0]?.settings;
  if (!first) return defaultUserSettings();
  const checked = validateSettings(first);
  if (checked.problems.length > 0) throw new UsageError(`${files[0]}: settings: ${checked.problems[0]}`);
  return checked.settings;
}

export function mergeReports(
  reports: readonly MergeableReport[],
  files: readonly string[],
  version: string,
): MergeableReport {
  if (reports.length === 0) throw new UsageError('merge needs at least one JSON report');
  const settings = settingsOf(reports, files);
  const byOrigin = new Map<string, SiteObservations[]>();
  for (const report of reports) {
    for (const obs of report.observations ?? []) {
      const list = byOrigin.get(obs.origin) ?? [];
      list.push(obs);
      byOrigin.set(obs.origin, list);
    }
  }
  // The clock of the latest report: expiry decisions as of when the last shard audited.
  const now =
    Math.max(...reports.map((r) => Date.parse(r.createdAt)).filter(Number.isFinite), 0) || Date.now();
  const observations = [...byOrigin.values()].map(mergeSiteObservations);
  const audits = observations.map((obs) => auditSite(obs, { ...toAuditSettings(settings), now }, wording));
  const report = buildReport(audits, { version, createdAt: new Date(now).toISOString() });
  const warnings = [...new Set(reports.flatMap((r) => r.warnings ?? []))];
  const notTested = new Map<string, { rule: string; reason: string }>();
  for (const n of reports.flatMap((r) => r.notTested ?? [])) notTested.set(`${n.rule}|${n.reason}`, n);
  // Kept when every report ran the same way (shards of one CI matrix usually do).
  const runs = new Set(reports.map((r) => JSON.stringify(r.run ?? null)));
  const run = runs.size === 1 ? reports[0].run : undefined;
  return {
    ...report,
    ...(warnings.length > 0 ? { warnings } : {}),
    ...(notTested.size > 0 ? { notTested: [...notTested.values()] } : {}),
    ...(run ? { run } : {}),
    observations,
    settings,
  };
}
