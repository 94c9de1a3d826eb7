/** The timeline's pure logic: merging what the port sends, filtering, and naming what is shown. */
import type { AuditedCookie, Finding, Severity, SiteAudit } from '../core/index.ts';
import type { TimelineEntry } from '../messages.ts';
import { SEVERITY_RANK, type SeverityFilter, worstSeverity } from '../ui/model.ts';

export interface TimelineFilter {
  /** Matches cookie names (and URLs). */
  text: string;
  /** A rule id, or '' for any. */
  rule: string;
  severity: SeverityFilter;
}

export const EMPTY_TIMELINE_FILTER: TimelineFilter = { text: '', rule: '', severity: 'all' };

/** Whether the filter can hide an entry (an empty one matches every entry: see entryMatches). */
export function timelineFilterActive(filter: TimelineFilter): boolean {
  return filter.text.trim() !== '' || filter.rule !== '' || filter.severity !== 'all';
}

/** Adds newly sent entries; anything at or below the last seq held is a repeat and is ignored. */
export function mergeEntries(
  held: readonly TimelineEntry[],
  incoming: readonly TimelineEntry[],
): TimelineEntry[] {
  const last = held.length > 0 ? held[held.length - 1].seq : 0;
  const fresh = incoming.filter((e) => e.seq > last);
  return fresh.length === 0 ? (held as TimelineEntry[]) : [...held, ...fresh];
}

/** Keeps the panel's copy within the same bound as the background's. */
export function boundEntries(entries: TimelineEntry[], limit: number): TimelineEntry[] {
  return entries.length > limit ? entries.slice(entries.length - limit) : entries;
}

export function entryCookieNames(entry: TimelineEntry): string[] {
  switch (entry.kind) {
    case 'response':
      return entry.cookies.map((c) => c.name);
    case 'script-cookie':
    case 'deletion':
      return [entry.name];
    case 'login':
      return entry.sessionNames;
    default:
      return [];
  }
}

/** Findings per cookie name (first-party cookies first), from the tab's audit. */
export function findingsByName(audit: SiteAudit | null): Map<string, AuditedCookie> {
  const map = new Map<string, AuditedCookie>();
  if (!audit) return map;
  for (const c of audit.cookies) if (!c.thirdParty && !map.has(c.name)) map.set(c.name, c);
  for (const c of audit.cookies) if (!map.has(c.name)) map.set(c.name, c);
  return map;
}

/** Site findings an entry is about (a login: rotation; the redirect check: the redirect rules). */
function entryFindings(entry: TimelineEntry, audit: SiteAudit | null): Finding[] {
  if (!audit) return [];
  if (entry.kind === 'login') return audit.findings.filter((f) => f.rule.includes('rotated'));
  if (entry.kind === 'redirect-check')
    return audit.findings.filter((f) => f.rule.startsWith('https-redirect'));
  return [];
}

function worstAtLeast(worst: Severity | null, filter: SeverityFilter): boolean {
  return filter === 'all' || (worst !== null && SEVERITY_RANK[worst] <= SEVERITY_RANK[filter]);
}

/** Navigations always show (they separate documents); other entries must match every filter. */
export function entryMatches(
  entry: TimelineEntry,
  filter: TimelineFilter,
  cookies: Map<string, AuditedCookie>,
  audit: SiteAudit | null,
): boolean {
  if (entry.kind === 'navigation') return true;
  const names = entryCookieNames(entry);
  const needle = filter.text.trim().toLowerCase();
  if (needle !== '') {
    const url = 'url' in entry ? entry.url.toLowerCase() : '';
    if (!names.some((n) => n.toLowerCase().includes(needle)) && !url.includes(needle)) return false;
  }
  if (filter.rule === '' && filter.severity === 'all') return true;
  const findings = [...names.flatMap((n) => cookies.get(n)?.findings ?? []), ...entryFindings(entry, audit)];
  const relevant = filter.rule === '' ? findings : findings.filter((f) => f.rule === filter.rule);
  if (filter.rule !== '' && relevant.length === 0) return false;
  return worstAtLeast(worstSeverity(relevant), filter.severity);
}

/** Rule ids present in the audit, for the rule filter. */
export function rulesInAudit(audit: SiteAudit | null): string[] {
  if (!audit) return [];
  const rules = new Set<string>();
  for (const f of audit.findings) rules.add(f.rule);
  for (const c of audit.cookies) for (const f of c.findings) rules.add(f.rule);
  return [...rules].sort();
}

export const FRAME_LABELS = { main: 'page', sub: 'frame', subresource: 'subresource' } as const;

export function clockTime(at: number): string {
  const d = new Date(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}
