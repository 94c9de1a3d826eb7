/**
 * The lessons knowledge base: one explanation per rule id, written for the popup, the full-page
 * report and the JSON report. The text lives in lessons.json (data, checked by
 * test/component/lessons-format.test.ts); this module only types it and answers look-ups.
 */
import type { Framework, Wording } from '../core/types.ts';
import data from './lessons.json' with { type: 'json' };

/** Frameworks that have their own fix snippet; nextauth and unknown stacks get the generic one. */
export type FixKey =
  | 'django'
  | 'flask'
  | 'express'
  | 'php'
  | 'rails'
  | 'laravel'
  | 'spring'
  | 'aspnet'
  | 'generic';

/** Display order of the fix tabs after the detected framework. */
export const FIX_KEYS: readonly FixKey[] = [
  'django',
  'flask',
  'express',
  'php',
  'rails',
  'laravel',
  'spring',
  'aspnet',
  'generic',
];

/** Human names for the fix tabs. */
export const FIX_LABELS: Readonly<Record<FixKey, string>> = {
  django: 'Django',
  flask: 'Flask',
  express: 'Express',
  php: 'PHP',
  rails: 'Rails',
  laravel: 'Laravel',
  spring: 'Spring Boot',
  aspnet: 'ASP.NET Core',
  generic: 'Set-Cookie / server',
};

export interface Lesson {
  title: string;
  /** One line; becomes a finding's `message` in reports. */
  summary: string;
  /** The attack the rule prevents. */
  why: string;
  fixes: Record<FixKey, string>;
  mistakes: string[];
  /** Lesson files (000–004) in ../shared/lessons the entry draws on. */
  lessons: string[];
}

export const lessons: Readonly<Record<string, Lesson>> = data as Record<string, Lesson>;

export function lessonFor(ruleId: string): Lesson | undefined {
  return Object.hasOwn(lessons, ruleId) ? lessons[ruleId] : undefined;
}

/** The fix key for a detected framework: its own when there is one, else generic. */
export function fixKeyFor(framework: Framework | 'generic' | null | undefined): FixKey {
  return framework && (FIX_KEYS as readonly string[]).includes(framework) ? (framework as FixKey) : 'generic';
}

/** Fix keys with the detected framework first, then the others in their usual order. */
export function orderedFixKeys(framework: Framework | 'generic' | null | undefined): FixKey[] {
  const first = fixKeyFor(framework);
  return [first, ...FIX_KEYS.filter((k) => k !== first)];
}

export type { Wording };

/**
 * What the engine's `auditSite(obs, settings, wording)` uses to word findings: the lesson summary as
 * the message and the detected framework's fix (generic when the framework has no snippet).
 */
export const wording: Wording = {
  describe(ruleId, framework) {
    const lesson = lessonFor(ruleId);
    if (!lesson) return undefined;
    const key = fixKeyFor(framework);
    return { message: lesson.summary, fix: { framework: key, text: lesson.fixes[key] } };
  },
};
