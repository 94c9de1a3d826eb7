/**
 * The files generated from the sources, each with the function that renders it. `npm run gen`
 * writes them; tests compare each file with its rendering, so a stale one fails with "run npm run gen".
 */
import { renderRulesMarkdown } from '../src/core/index.ts';
import { lessons } from '../src/lessons/index.ts';

export interface GeneratedFile {
  /** Path from the repository root. */
  file: string;
  /** What the file is made from, for `npm run gen`'s output. */
  from: string;
  render(): string;
}

/** src/lessons/titles.json: the lesson titles alone, which the popup loads up front. */
export function renderLessonTitles(): string {
  return `${JSON.stringify(Object.fromEntries(Object.entries(lessons).map(([id, l]) => [id, l.title])), null, 2)}\n`;
}

export const GENERATED: readonly GeneratedFile[] = [
  { file: 'docs/rules.md', from: 'the rule registry (src/core/rules/)', render: renderRulesMarkdown },
  { file: 'src/lessons/titles.json', from: 'src/lessons/lessons.json', render: renderLessonTitles },
];
