/**
 * User settings: what the options page edits, what `storage.sync` holds and what
 * `cookie-audit --config FILE` reads. One JSON shape, validated here (pure), so the extension and the
 * CLI accept and reject exactly the same things.
 *
 * validateSettings never throws: every field that is missing, corrupt or from an older version falls
 * back to its default and is named in `problems`, so the options page can show a notice and the CLI
 * can refuse the file with a clear message.
 */
import { acceptanceEnd } from './accepted-risks.ts';
import infrastructureNames from './data/infrastructure-names.json' with { type: 'json' };
import { RULES } from './rules/index.ts';
import { gradeRank } from './scoring.ts';
import type { AcceptedRisk, AuditSettings, Grade, Severity } from './types.ts';
import { SEVERITIES } from './types.ts';

export const SETTINGS_SCHEMA = 'cookie-audit-settings/1' as const;

/** grade: always show the grade; below: only when the grade is below `threshold`; off: never. */
export type BadgeMode = 'grade' | 'below' | 'off';
export const BADGE_MODES: readonly BadgeMode[] = ['grade', 'below', 'off'];

export const GRADES: readonly Grade[] = [
  'A+',
  'A',
  'A-',
  'B+',
  'B',
  'B-',
  'C+',
  'C',
  'C-',
  'D+',
  'D',
  'D-',
  'F',
];

export interface BadgeSettings {
  mode: BadgeMode;
  /** With mode "below": the badge shows only for grades worse than this one. */
  threshold: Grade;
}

export interface UserSettings {
  schema: typeof SETTINGS_SCHEMA;
  /** Cookie names that get no findings (exact, case-sensitive; a trailing * matches a prefix). */
  ignoreNames: string[];
  /** Rule ids that do not run. */
  disabledRules: string[];
  /** Rule id → severity used instead of the rule's default. */
  severityOverrides: Record<string, Severity>;
  /** A persistent session cookie living longer than this is flagged (session-long-lived). */
  sessionMaxLifetimeSeconds: number;
  badge: BadgeSettings;
  /** Findings accepted as known risks, with a reason and an optional end date. */
  acceptedRisks: AcceptedRisk[];
}

export interface SettingsValidation {
  settings: UserSettings;
  /** One readable line per field that was rejected and replaced by its default. Empty when valid. */
  problems: string[];
}

/** 12 hours: one working day with margin (the lesson of session-long-lived explains why). */
export const DEFAULT_SESSION_MAX_LIFETIME_SECONDS = 12 * 3600;
export const MIN_SESSION_MAX_LIFETIME_SECONDS = 60;
/** Browsers cap cookie lifetimes at 400 days; a longer threshold could never fire. */
export const MAX_SESSION_MAX_LIFETIME_SECONDS = 400 * 86400;
export const MAX_IGNORE_NAMES = 500;
/**
 * The ignore list's size as JSON, in UTF-8 bytes: within storage.sync's 102,400 bytes in all (the
 * background splits it across items of 8,192 bytes), whatever the names.
 */
export const MAX_IGNORE_NAMES_BYTES = 64 * 1024;
/** At most this many problems are reported, each at most this long: a hostile file cannot flood. */
export const MAX_PROBLEMS = 20;
export const MAX_PROBLEM_LENGTH = 200;
const MAX_NAME_LENGTH = 256;

/** The infrastructure cookie names of the engine's data file, as ignore patterns (prefixes end in *). */
export function infrastructureIgnoreNames(): string[] {
  return (infrastructureNames as { name: string; match: string }[]).map((n) =>
    n.match === 'prefix' ? `${n.name}*` : n.name,
  );
}

export function defaultUserSettings(): UserSettings {
  return {
    schema: SETTINGS_SCHEMA,
    ignoreNames: infrastructureIgnoreNames(),
    disabledRules: [],
    severityOverrides: {},
    sessionMaxLifetimeSeconds: DEFAULT_SESSION_MAX_LIFETIME_SECONDS,
    badge: { mode: 'grade', threshold: 'A-' },
    acceptedRisks: [],
  };
}

const KNOWN_KEYS = new Set([
  'schema',
  'ignoreNames',
  'disabledRules',
  'severityOverrides',
  'sessionMaxLifetimeSeconds',
  'badge',
  'acceptedRisks',
]);

export const MAX_ACCEPTED_RISKS = 500;
export const MAX_REASON_LENGTH = 500;
const RISK_KEYS = new Set(['rule', 'cookie', 'site', 'reason', 'until']);

function validSite(site: string): boolean {
  if (site.includes('://')) return /^https?:\/\/(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?\/?$/i.test(site);
  return /^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*)$/i.test(site);
}

/**
 * One accepted risk, checked as strictly as the rest: a known rule id, a cookie name as in
 * ignoreNames, an origin or host name, a reason (required, one line), a real date. Returns the
 * entry or the problem.
 */
export function validateAcceptedRisk(raw: unknown, ruleIds: ReadonlySet<string>): AcceptedRisk | string {
  if (!isObject(raw))
    return `must be an object { rule, cookie?, site?, reason, until? }, got ${describe(raw)}`;
  for (const key of Object.keys(raw)) if (!RISK_KEYS.has(key)) return `unknown field "${key.slice(0, 40)}"`;
  const { rule, cookie, site, reason, until } = raw;
  if (typeof rule !== 'string' || !ruleIds.has(rule)) return `unknown rule id ${describe(rule)}`;
  const out: AcceptedRisk = { rule, reason: '' };
  if (cookie !== undefined) {
    if (
      typeof cookie !== 'string' ||
      cookie.trim() === '' ||
      cookie.length > MAX_NAME_LENGTH ||
      /[\s;=,]/.test(cookie) ||
      hasControlCharacter(cookie)
    ) {
      return `cookie must be a cookie name, got ${describe(cookie)}`;
    }
    out.cookie = cookie;
  }
  if (site !== undefined) {
    if (typeof site !== 'string' || !validSite(site)) {
      return `site must be an origin (https://host[:port]) or a host name, got ${describe(site)}`;
    }
    out.site = site.replace(/\/$/, '').toLowerCase();
  }
  if (typeof reason !== 'string' || reason.trim() === '')
    return 'reason is required (why the risk is accepted)';
  if (reason.length > MAX_REASON_LENGTH || hasControlCharacter(reason)) {
    return `reason must be one line of at most ${MAX_REASON_LENGTH} characters`;
  }
  out.reason = reason.trim();
  if (until !== undefined) {
    if (typeof until !== 'string' || Number.isNaN(acceptanceEnd(until))) {
      return `until must be a date (YYYY-MM-DD) or an ISO time, got ${describe(until)}`;
    }
    out.until = until;
  }
  return out;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'a list';
  if (typeof x === 'string') return `"${x.length > 40 ? `${x.slice(0, 40)}…` : x}"`;
  return typeof x === 'object' ? 'an object' : `${typeof x} ${String(x)}`;
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

const encoder = new TextEncoder();

/** Problems as shown: at most MAX_PROBLEMS, each clipped to MAX_PROBLEM_LENGTH characters. */
function capProblems(problems: string[]): string[] {
  const clip = (p: string) => (p.length > MAX_PROBLEM_LENGTH ? `${p.slice(0, MAX_PROBLEM_LENGTH - 1)}…` : p);
  if (problems.length <= MAX_PROBLEMS) return problems.map(clip);
  const kept = problems.slice(0, MAX_PROBLEMS - 1).map(clip);
  kept.push(`…and ${problems.length - kept.length} more problems.`);
  return kept;
}

/** Checks a settings object from storage, the options page or a --config file. Never throws. */
export function validateSettings(raw: unknown): SettingsValidation {
  const result = validateUncapped(raw);
  return { settings: result.settings, problems: capProblems(result.problems) };
}

function validateUncapped(raw: unknown): SettingsValidation {
  const defaults = defaultUserSettings();
  const problems: string[] = [];
  if (raw === undefined) return { settings: defaults, problems };
  if (!isObject(raw)) {
    return {
      settings: defaults,
      problems: [`Settings must be a JSON object, got ${describe(raw)}; using the defaults.`],
    };
  }
  if (raw.schema !== undefined && raw.schema !== SETTINGS_SCHEMA) {
    return {
      settings: defaults,
      problems: [
        `Settings are in an unknown format (schema ${describe(raw.schema)}, expected "${SETTINGS_SCHEMA}"); using the defaults.`,
      ],
    };
  }
  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.has(key)) problems.push(`Unknown setting "${key}" was ignored.`);
  }
  const ruleIds = new Set(RULES.map((r) => r.id));
  const settings = defaults;

  if (raw.ignoreNames !== undefined) {
    const v = raw.ignoreNames;
    if (!Array.isArray(v) || !v.every((n) => typeof n === 'string')) {
      problems.push(
        `ignoreNames must be a list of cookie names, got ${describe(v)}; using the default list.`,
      );
    } else if (v.length > MAX_IGNORE_NAMES) {
      problems.push(
        `ignoreNames has ${v.length} names (at most ${MAX_IGNORE_NAMES}); using the default list.`,
      );
    } else {
      const names: string[] = [];
      let bytes = 2; // "[]"
      let overBudget = 0;
      for (const n of v as string[]) {
        const name = n.trim();
        if (name === '' || name === '*') continue;
        if (name.length > MAX_NAME_LENGTH || /[\s;=,]/.test(name) || hasControlCharacter(name)) {
          problems.push(`ignoreNames: "${name.slice(0, 40)}" is not a cookie name and was dropped.`);
          continue;
        }
        if (names.includes(name)) continue;
        const size = encoder.encode(JSON.stringify(name)).length + 1;
        if (bytes + size > MAX_IGNORE_NAMES_BYTES) {
          overBudget++;
          continue;
        }
        bytes += size;
        names.push(name);
      }
      if (overBudget > 0)
        problems.push(
          `ignoreNames is longer than ${MAX_IGNORE_NAMES_BYTES} bytes in all; the last ${overBudget} names were dropped.`,
        );
      settings.ignoreNames = names;
    }
  }

  if (raw.disabledRules !== undefined) {
    const v = raw.disabledRules;
    if (!Array.isArray(v) || !v.every((n) => typeof n === 'string')) {
      problems.push(`disabledRules must be a list of rule ids, got ${describe(v)}; no rule is disabled.`);
    } else {
      const ids: string[] = [];
      for (const id of v as string[]) {
        if (!ruleIds.has(id)) problems.push(`disabledRules: unknown rule id "${id}" was dropped.`);
        else if (!ids.includes(id)) ids.push(id);
      }
      settings.disabledRules = ids;
    }
  }

  if (raw.severityOverrides !== undefined) {
    const v = raw.severityOverrides;
    if (!isObject(v)) {
      problems.push(`severityOverrides must be an object of rule id → severity, got ${describe(v)}.`);
    } else {
      for (const [id, sev] of Object.entries(v)) {
        if (!ruleIds.has(id)) problems.push(`severityOverrides: unknown rule id "${id}" was dropped.`);
        else if (typeof sev !== 'string' || !(SEVERITIES as readonly string[]).includes(sev)) {
          problems.push(
            `severityOverrides: "${id}" must be one of ${SEVERITIES.join(', ')}, got ${describe(sev)}.`,
          );
        } else settings.severityOverrides[id] = sev as Severity;
      }
    }
  }

  if (raw.sessionMaxLifetimeSeconds !== undefined) {
    const v = raw.sessionMaxLifetimeSeconds;
    if (
      typeof v !== 'number' ||
      !Number.isInteger(v) ||
      v < MIN_SESSION_MAX_LIFETIME_SECONDS ||
      v > MAX_SESSION_MAX_LIFETIME_SECONDS
    ) {
      problems.push(
        `sessionMaxLifetimeSeconds must be a whole number of seconds from ${MIN_SESSION_MAX_LIFETIME_SECONDS} to ${MAX_SESSION_MAX_LIFETIME_SECONDS} (400 days), got ${describe(v)}; using 12 hours.`,
      );
    } else settings.sessionMaxLifetimeSeconds = v;
  }

  if (raw.badge !== undefined) {
    const v = raw.badge;
    if (!isObject(v)) {
      problems.push(`badge must be an object { mode, threshold }, got ${describe(v)}; using the default.`);
    } else {
      if (v.mode !== undefined) {
        if (typeof v.mode === 'string' && (BADGE_MODES as readonly string[]).includes(v.mode)) {
          settings.badge.mode = v.mode as BadgeMode;
        } else problems.push(`badge.mode must be one of ${BADGE_MODES.join(', ')}, got ${describe(v.mode)}.`);
      }
      if (v.threshold !== undefined) {
        if (typeof v.threshold === 'string' && (GRADES as readonly string[]).includes(v.threshold)) {
          settings.badge.threshold = v.threshold as Grade;
        } else problems.push(`badge.threshold must be a grade (A+ … F), got ${describe(v.threshold)}.`);
      }
    }
  }
  if (raw.acceptedRisks !== undefined) {
    const v = raw.acceptedRisks;
    if (!Array.isArray(v)) {
      problems.push(
        `acceptedRisks must be a list of { rule, cookie?, site?, reason, until? }, got ${describe(v)}.`,
      );
    } else if (v.length > MAX_ACCEPTED_RISKS) {
      problems.push(
        `acceptedRisks has ${v.length} entries (at most ${MAX_ACCEPTED_RISKS}); none is applied.`,
      );
    } else {
      v.forEach((entry, i) => {
        const checked = validateAcceptedRisk(entry, ruleIds);
        if (typeof checked === 'string')
          problems.push(`acceptedRisks[${i}]: ${checked}; the entry was dropped.`);
        else settings.acceptedRisks.push(checked);
      });
    }
  }
  return { settings, problems };
}

/** The engine's part of the settings. */
export function toAuditSettings(s: UserSettings): Partial<AuditSettings> {
  return {
    ignoreNames: [...s.ignoreNames],
    disabledRules: [...s.disabledRules],
    severityOverrides: { ...s.severityOverrides },
    sessionMaxLifetimeSeconds: s.sessionMaxLifetimeSeconds,
    acceptedRisks: (s.acceptedRisks ?? []).map((r) => ({ ...r })),
  };
}

/** Whether the toolbar badge shows a grade under these settings. */
export function badgeShowsGrade(badge: BadgeSettings, grade: Grade): boolean {
  if (badge.mode === 'off') return false;
  if (badge.mode === 'below') return gradeRank(grade) < gradeRank(badge.threshold);
  return true;
}
