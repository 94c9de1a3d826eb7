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
  /** Lesson files (000–004) in ../shared/lessons the entry draws on. */
  lessons: string[];
}

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
