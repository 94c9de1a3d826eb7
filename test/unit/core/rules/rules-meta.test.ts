import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../../src/cli/paths.ts';
import { listRules, PENALTIES, RULES } from '../../../../src/core/index.ts';
import type { Rule } from '../../../../src/core/rules/types.ts';
import { PUBLIC_RULE_IDS } from '../../../helpers/public-rule-ids.ts';

const RULES_DIR = join(ROOT, 'src/core/rules');
/** Files in src/core/rules that are not rules. */
const SUPPORT = new Set(['index.ts', 'types.ts', 'util.ts', 'render-docs.ts']);
const ruleFiles = readdirSync(RULES_DIR)
  .filter((f) => f.endsWith('.ts') && !SUPPORT.has(f))
  .map((f) => f.slice(0, -3))
  .sort();

/** The published ids, exactly. */
const REQUIRED = PUBLIC_RULE_IDS;

function lessons(): Record<string, { summary?: unknown }> | null {
  const file = join(ROOT, 'src/lessons/lessons.json');
  return existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, { summary?: unknown }>)
    : null;
}

describe('rule registry', () => {
  it('has every published id, each once', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...REQUIRED].sort());
  });

  it('lists the catalog for --rules', () => {
    expect(listRules()).toHaveLength(RULES.length);
    expect(listRules()[0]).toEqual({
      id: 'session-missing-secure',
      severity: 'high',
      title: 'Session cookie without Secure',
      scope: 'cookie',
    });
  });

  it('keeps ids url- and config-safe', () => {
    for (const r of RULES) expect(r.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('finds the rule files', () => {
    expect(ruleFiles.length).toBe(REQUIRED.length);
  });

  for (const id of ruleFiles) {
    describe(id, () => {
      it('exports a rule with the file name as id, registered in RULES', async () => {
        const mod = (await import(join(RULES_DIR, `${id}.ts`))) as { rule?: Rule };
        expect(mod.rule?.id).toBe(id);
        expect(RULES).toContain(mod.rule);
      });

      it('is fully described: title, scope, severity, lesson key = id', () => {
        const r = RULES.find((x) => x.id === id)!;
        expect(r.title.length).toBeGreaterThan(5);
        expect(['cookie', 'site']).toContain(r.scope);
        expect(['high', 'medium', 'low', 'info']).toContain(r.defaultSeverity);
        expect(r.lesson).toBe(id);
        expect(typeof r.check).toBe('function');
      });

      it('has a scoring row covering its default severity', () => {
        const r = RULES.find((x) => x.id === id)!;
        expect(PENALTIES[id]).toBeDefined();
        expect(PENALTIES[id][r.defaultSeverity]).toBeTypeOf('number');
      });

      it('has a fixture test file', () => {
        expect(existsSync(join(ROOT, 'test/unit/core/rules', `${id}.test.ts`))).toBe(true);
      });

      it('has a line in docs/rules.md', () => {
        expect(readFileSync(join(ROOT, 'docs/rules.md'), 'utf8')).toContain(`| \`${id}\` |`);
      });

      it('has a lesson entry with a non-empty summary in src/lessons/lessons.json', () => {
        const all = lessons();
        expect(all, 'src/lessons/lessons.json is missing').not.toBeNull();
        const summary = all?.[id]?.summary;
        expect(typeof summary === 'string' && summary.trim().length > 0).toBe(true);
      });
    });
  }

  it('has no scoring rows for rules that do not exist', () => {
    for (const id of Object.keys(PENALTIES)) expect(RULES.map((r) => r.id)).toContain(id);
  });
});
