import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../../src/cli/paths.ts';
import { renderRulesMarkdown } from '../../../../src/core/rules/render-docs.ts';

const DOC = join(ROOT, 'docs/rules.md');

describe('docs/rules.md', () => {
  it('is generated from the registry', () => {
    const expected = renderRulesMarkdown();
    if (process.env.UPDATE_RULES_DOC === '1') writeFileSync(DOC, expected);
    expect(
      readFileSync(DOC, 'utf8'),
      'run UPDATE_RULES_DOC=1 npx vitest run --project unit test/unit/core/rules/rules-doc.test.ts',
    ).toBe(expected);
  });
});
