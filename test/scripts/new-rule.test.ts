/**
 * `npm run new:rule` on a copy of the repository (the parts a rule touches, node_modules linked):
 * the scaffolded rule is registered everywhere, the copy type-checks and lints, and the only failing
 * test is the new rule's own fixture test, which waits for its detection.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../src/cli/paths.ts';

const ID = 'scaffolded-example';
/** What a rule touches, and what its tests and the type-check read. */
const COPIED = [
  'src',
  'scripts',
  'test/helpers',
  'test/unit/core/rules',
  'test/component/lessons',
  'docs/rules.md',
  'package.json',
  'tsconfig.json',
  'vitest.config.ts',
  'biome.json',
];

let copy: string;
/** The child processes must not think they run inside this test's vitest worker. */
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST')));

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { cwd: copy, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}
const bin = (name: string) => path.join(copy, 'node_modules', '.bin', name);
const read = (file: string) => readFileSync(path.join(copy, file), 'utf8');

beforeAll(() => {
  copy = mkdtempSync(path.join(tmpdir(), 'cookie-audit-new-rule-'));
  for (const entry of COPIED) {
    mkdirSync(path.dirname(path.join(copy, entry)), { recursive: true });
    cpSync(path.join(ROOT, entry), path.join(copy, entry), { recursive: true });
  }
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
});

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe('npm run new:rule', () => {
  it('writes the rule, its test, a lesson stub and the scoring row, and registers it', () => {
    const scaffold = run(process.execPath, [
      '--import',
      'tsx',
      'scripts/new-rule.ts',
      ID,
      '--severity',
      'low',
    ]);
    expect(scaffold.status, scaffold.output).toBe(0);
    expect(read(`src/core/rules/${ID}.ts`)).toContain(`id: '${ID}'`);
    expect(read('src/core/rules/index.ts')).toContain(`from './${ID}.ts'`);
    expect(read('src/core/scoring.ts')).toContain(`'${ID}': { low: 5 }`);
    expect(JSON.parse(read('src/lessons/lessons.json'))[ID].title).toBe('Scaffolded example');
    expect(JSON.parse(read('src/lessons/titles.json'))[ID]).toBe('Scaffolded example');
    expect(read('test/helpers/public-rule-ids.ts')).toContain(`'${ID}'`);
    expect(read('docs/rules.md')).toContain(`| \`${ID}\` |`);
    expect(read(`test/unit/core/rules/${ID}.test.ts`)).toContain(`const RULE = '${ID}';`);
  });

  it('refuses an id that exists, or is not kebab-case', () => {
    expect(run(process.execPath, ['--import', 'tsx', 'scripts/new-rule.ts', ID]).status).toBe(2);
    expect(run(process.execPath, ['--import', 'tsx', 'scripts/new-rule.ts', 'Not_An_Id']).status).toBe(2);
  });

  it('leaves a copy that type-checks (the project and the DOM/Node-free engine) and lints', () => {
    const project = run(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
    expect(project.status, project.output).toBe(0);
    const core = run(bin('tsc'), ['-p', 'src/core/tsconfig.json', '--noEmit']);
    expect(core.status, core.output).toBe(0);
    const lint = run(bin('biome'), ['ci', '--colors=off', 'src', 'scripts', 'test']);
    expect(lint.status, lint.output).toBe(0);
  });

  it("fails only on the new rule's own fixture test", () => {
    const out = path.join(copy, 'results.json');
    run(bin('vitest'), [
      'run',
      '--project',
      'unit',
      '--project',
      'component',
      // The tests a new rule can make fail: the registry's meta-tests, the generated catalog, the
      // lessons' format and the rule's own (a rule that finds nothing changes no other rule's result).
      'test/unit/core/rules/rules-meta.test.ts',
      'test/unit/core/rules/rules-doc.test.ts',
      `test/unit/core/rules/${ID}.test.ts`,
      'test/component/lessons/lessons-format.test.ts',
      '--reporter=json',
      `--outputFile=${out}`,
    ]);
    const results = JSON.parse(readFileSync(out, 'utf8')) as {
      numPassedTests: number;
      testResults: { name: string; assertionResults: { fullName: string; status: string }[] }[];
    };
    const failed = results.testResults.flatMap((file) =>
      file.assertionResults
        .filter((t) => t.status === 'failed')
        .map((t) => `${path.relative(copy, file.name)} > ${t.fullName}`),
    );
    expect(failed).toEqual([
      `test/unit/core/rules/${ID}.test.ts > ${ID} flags the Set-Cookie line it is written for (write the fixture)`,
    ]);
    // The registry's meta-tests ran for the new rule and passed: registration, scoring, lesson, docs.
    const passedForId = results.testResults
      .flatMap((file) => file.assertionResults)
      .filter((t) => t.status === 'passed' && t.fullName.includes(ID));
    expect(passedForId.length).toBeGreaterThanOrEqual(6);
    expect(results.numPassedTests).toBeGreaterThan(250);
  });
});
