/**
 * The lessons knowledge base: one explanation per rule id, written for the popup, the full-page
 * report and the JSON report. The text lives in lessons.json (data, checked by
 * test/component/lessons/lessons-format.test.ts); this module only types it and answers look-ups.
 */
import type { Wording } from '../core/index.ts';
import { type FixKey, fixKeyFor } from './fix-keys.ts';
import data from './lessons.json' with { type: 'json' };

export { FIX_KEYS, FIX_LABELS, type FixKey, fixKeyFor, orderedFixKeys } from './fix-keys.ts';

export interface Lesson {
  title: string;
  /** One line; becomes a finding's `message` in reports. */
  summary: string;
  /** The attack the rule prevents. */
  why: string;
  fixes: Record<FixKey, string>;
  mistakes: string[];
  /** The lessons (by title, one of LESSON_SOURCES) the entry's facts were drawn from. */
  lessons: LessonSource[];
  /** Public references (framework docs, OWASP, MDN, RFC 6265bis) a reader can check, by URL. */
  references: string[];
}

/** The lesson material the explanations are written from (in our own words), by title. */
export const LESSON_SOURCES = [
  'HTTPS and secure cookies',
  'Session security considerations',
  'Django secure cookies tutorial',
  'session.cookie_secure across frameworks',
  'Mini project: session settings',
] as const;
export type LessonSource = (typeof LESSON_SOURCES)[number];

/** Where the references may point: the projects' own documentation and the standards. */
export const REFERENCE_HOSTS: readonly string[] = [
  'docs.djangoproject.com',
  'flask.palletsprojects.com',
  'www.php.net',
  'expressjs.com',
  'owasp.org',
  'cheatsheetseries.owasp.org',
  'developer.mozilla.org',
  'datatracker.ietf.org',
  'httpwg.org',
];

export const lessons: Readonly<Record<string, Lesson>> = data as Record<string, Lesson>;

export function lessonFor(ruleId: string): Lesson | undefined {
  return Object.hasOwn(lessons, ruleId) ? lessons[ruleId] : undefined;
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
