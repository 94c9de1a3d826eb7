import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderLessonTitles } from '../../../scripts/generated.ts';
import {
  FIX_KEYS,
  LESSON_SOURCES,
  lessonFor,
  lessons,
  orderedFixKeys,
  REFERENCE_HOSTS,
  wording,
} from '../../../src/lessons/index.ts';
import { PUBLIC_RULE_IDS } from '../../helpers/public-rule-ids.ts';

/** Every public rule id needs a lesson. */
const RULE_IDS = PUBLIC_RULE_IDS;

// Paths from this file (the global URL is happy-dom's here, so node:path does the work).
const HERE = dirname(fileURLToPath(import.meta.url));
const rawJson = readFileSync(resolve(HERE, '../../../src/lessons/lessons.json'), 'utf8');
/**
 * The lesson texts are not part of this repository: LESSON_TEXTS_DIR names the folder that holds
 * them (plain-text files), and the copy check below runs against it.
 */
const LESSON_DIR = process.env.LESSON_TEXTS_DIR ? resolve(process.env.LESSON_TEXTS_DIR) : null;

const entries = Object.entries(lessons);

describe('lessons.json format', () => {
  it('has an entry for every rule id of the catalog', () => {
    const missing = RULE_IDS.filter((id) => !lessonFor(id));
    expect(missing).toEqual([]);
  });

  it('keeps its ids sorted, unique and kebab-case', () => {
    const ids = Object.keys(JSON.parse(rawJson) as Record<string, unknown>);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it.each(entries)('%s has every field, non-empty', (_id, lesson) => {
    expect(Object.keys(lesson).sort()).toEqual([
      'fixes',
      'lessons',
      'mistakes',
      'references',
      'summary',
      'title',
      'why',
    ]);
    expect(lesson.title.trim()).not.toBe('');
    expect(lesson.summary.trim()).not.toBe('');
    expect(lesson.summary).not.toContain('\n');
    expect(lesson.why.trim().length).toBeGreaterThan(40);
    expect(Object.keys(lesson.fixes).sort()).toEqual([...FIX_KEYS].sort());
    for (const key of FIX_KEYS) expect(lesson.fixes[key].trim(), key).not.toBe('');
    expect(lesson.mistakes.length).toBeGreaterThan(0);
    for (const m of lesson.mistakes) expect(m.trim()).not.toBe('');
    expect(lesson.lessons.length).toBeGreaterThan(0);
    for (const source of lesson.lessons) expect(LESSON_SOURCES).toContain(source);
    expect(lesson.references.length).toBeGreaterThan(0);
    for (const ref of lesson.references) {
      const url = new URL(ref);
      expect(url.protocol, ref).toBe('https:');
      expect(REFERENCE_HOSTS, ref).toContain(url.hostname);
    }
  });

  it('has titles.json in step with it (the popup loads only the titles up front)', () => {
    const titlesFile = resolve(HERE, '../../../src/lessons/titles.json');
    const expected = `${JSON.stringify(Object.fromEntries(entries.map(([id, l]) => [id, l.title])), null, 2)}\n`;
    expect(expected, 'the titles scripts/generated.ts renders').toBe(renderLessonTitles());
    expect(readFileSync(titlesFile, 'utf8'), 'src/lessons/titles.json is stale: run npm run gen').toBe(
      expected,
    );
  });

  it('orders the detected framework first and falls back to generic', () => {
    expect(orderedFixKeys('php')[0]).toBe('php');
    expect(orderedFixKeys('nextauth')[0]).toBe('generic');
    expect(orderedFixKeys('php')).toHaveLength(FIX_KEYS.length);
  });

  it('gives the engine the summary and the framework fix through wording.describe', () => {
    const django = wording.describe('session-missing-secure', 'django');
    expect(django?.message).toBe(lessons['session-missing-secure'].summary);
    expect(django?.fix).toEqual({
      framework: 'django',
      text: expect.stringContaining('SESSION_COOKIE_SECURE = True'),
    });
    const php = wording.describe('session-missing-httponly', 'php');
    expect(php?.fix?.text).toContain('session.cookie_httponly = 1');
    expect(wording.describe('session-missing-secure', 'nextauth')?.fix?.framework).toBe('generic');
    expect(wording.describe('session-missing-secure', 'generic')?.fix?.text).toContain('Set-Cookie:');
    expect(wording.describe('no-such-rule', 'django')).toBeUndefined();
  });

  it('states the exact framework settings', () => {
    const secure = lessons['session-missing-secure'].fixes;
    expect(secure.django).toContain('SESSION_COOKIE_SECURE = True');
    expect(secure.flask).toContain("SESSION_COOKIE_SECURE'] = True");
    expect(secure.express).toContain('cookie: { secure: true }');
    expect(secure.php).toContain('session.cookie_secure = 1');
    expect(secure.rails).toContain('config.force_ssl = true');
    expect(secure.laravel).toContain('SESSION_SECURE_COOKIE=true');
    expect(secure.spring).toContain('server.servlet.session.cookie.secure=true');
    expect(secure.aspnet).toContain('CookieSecurePolicy.Always');
    expect(lessons['hsts-missing'].fixes.django).toContain('SECURE_HSTS_SECONDS');
    expect(lessons['https-redirect-missing'].fixes.django).toContain('SECURE_SSL_REDIRECT = True');
  });
});

/** Sentences of the lesson texts: split on end punctuation and line breaks, whitespace folded. */
function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => normalise(s.replace(/[.!?]+$/, '')))
    .filter((s) => s.split(' ').length >= 8);
}

function normalise(s: string): string {
  return s.toLowerCase().replace(/\s+/g, ' ').trim();
}

function allStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) allStrings(v, out);
  return out;
}

describe('lessons.json is written in our own words', () => {
  const available = LESSON_DIR !== null && existsSync(LESSON_DIR);
  if (!available) {
    console.warn(
      `[lessons-format] ${LESSON_DIR ?? 'LESSON_TEXTS_DIR'} is not set or absent: the copy check against the lesson texts did not run.`,
    );
  }

  it('copies no sentence of 8 words or more from the lesson texts', () => {
    if (!available) return;
    const ours = normalise(allStrings(JSON.parse(rawJson)).join(' \u0000 '));
    const files = readdirSync(LESSON_DIR!).filter((f) => f.endsWith('.txt'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    const copied: string[] = [];
    for (const file of files) {
      for (const sentence of sentences(readFileSync(join(LESSON_DIR!, file), 'utf8'))) {
        if (ours.includes(sentence)) copied.push(`${file}: ${sentence}`);
      }
    }
    expect(copied).toEqual([]);
  });

  it('shares no run of 10 consecutive words with the lesson texts', () => {
    if (!available) return;
    const words = (s: string) =>
      s
        .toLowerCase()
        .replace(/[^a-z0-9_]+/g, ' ')
        .trim();
    const ours = ` ${allStrings(JSON.parse(rawJson)).map(words).join(' | ')} `;
    const shared: string[] = [];
    for (const file of readdirSync(LESSON_DIR!).filter((f) => f.endsWith('.txt'))) {
      const w = words(readFileSync(join(LESSON_DIR!, file), 'utf8')).split(' ');
      for (let i = 0; i + 10 <= w.length; i++) {
        const run = w.slice(i, i + 10).join(' ');
        if (ours.includes(` ${run} `)) shared.push(`${file}: ${run}`);
      }
    }
    expect(shared).toEqual([]);
  });
});
