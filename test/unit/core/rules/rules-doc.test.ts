import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../../src/cli/paths.ts';
import { renderRulesMarkdown } from '../../../../src/core/rules/render-docs.ts';

const DOC = join(ROOT, 'docs/rules.md');

describe('docs/rules.md', () => {
  it('is generated from the registry', () => {
    const expected = renderRulesMarkdown();
    expect(readFileSync(DOC, 'utf8'), 'docs/rules.md is stale: run npm run gen').toBe(expected);
  });
});
