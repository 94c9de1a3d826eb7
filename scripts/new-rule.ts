/**
 * `npm run new:rule -- <id> [--scope cookie|site] [--severity high|medium|low|info] [--title TEXT]`:
 * scaffolds a rule and registers it everywhere a rule must be known:
 *
 * - src/core/rules/<id>.ts            the rule, detecting nothing yet
 * - src/core/rules/index.ts           imported and appended to RULES (the catalog order)
 * - src/core/scoring.ts               a PENALTIES row for its default severity
 * - src/lessons/lessons.json          a lesson entry with every field, to be written
 * - test/helpers/public-rule-ids.ts   the id published (ids are only ever added)
 * - test/unit/core/rules/<id>.test.ts its fixture test, which fails until the rule detects its line
 * - docs/rules.md, titles.json        regenerated (`npm run gen`)
 *
 * The result type-checks and passes every test but the new fixture test (test/scripts/new-rule.test.ts
 * proves it on a copy of the repository). Then: write the detection, the fixture lines, the lesson.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(import.meta.dirname, '..');
const SCOPES = ['cookie', 'site'] as const;
const SEVERITIES = ['high', 'medium', 'low', 'info'] as const;
/** The usual penalty of a finding at each severity (docs/scoring.md); tune it in scoring.ts. */
const DEFAULT_PENALTY: Record<(typeof SEVERITIES)[number], number> = {
  high: 30,
  medium: 20,
  low: 5,
  info: 0,
};
/** The lesson fields every entry has (the format test checks them). */
const FIX_KEYS = ['django', 'flask', 'express', 'php', 'rails', 'laravel', 'spring', 'aspnet', 'generic'];

interface NewRuleOptions {
  id: string;
  scope: (typeof SCOPES)[number];
  severity: (typeof SEVERITIES)[number];
  title: string;
}

function fail(message: string): never {
  process.stderr.write(`new:rule: ${message}\n`);
  process.exit(2);
}

function options(argv: string[]): NewRuleOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      scope: { type: 'string', default: 'cookie' },
      severity: { type: 'string', default: 'medium' },
      title: { type: 'string' },
    },
  });
  const [id] = positionals;
  if (!id || positionals.length > 1)
    fail('give one rule id, e.g. npm run new:rule session-missing-partitioned');
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) fail(`rule ids are kebab-case (a-z, 0-9, "-"): ${id}`);
  const scope = values.scope as NewRuleOptions['scope'];
  if (!SCOPES.includes(scope)) fail(`--scope is cookie or site, not ${scope}`);
  const severity = values.severity as NewRuleOptions['severity'];
  if (!SEVERITIES.includes(severity)) fail(`--severity is one of ${SEVERITIES.join(', ')}, not ${severity}`);
  const title =
    (values.title as string | undefined) ?? id.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
  return { id, scope, severity, title };
}

const file = (relative: string) => path.join(ROOT, relative);
const read = (relative: string) => readFileSync(file(relative), 'utf8');
function write(relative: string, text: string): void {
  writeFileSync(file(relative), text);
  process.stdout.write(`  ${relative}\n`);
}

function camelCase(id: string): string {
  return id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Inserts `text` before the first `marker` found after `anchor`; fails loudly if the file changed shape. */
function insertBefore(source: string, anchor: string, marker: string, text: string, where: string): string {
  const start = source.indexOf(anchor);
  const at = start < 0 ? -1 : source.indexOf(marker, start);
  if (at < 0) fail(`cannot find "${anchor}" … "${marker.trim()}" in ${where}: register the rule by hand`);
  return source.slice(0, at) + text + source.slice(at);
}

function ruleSource({ id, scope, severity, title }: NewRuleOptions): string {
  const type = scope === 'cookie' ? 'CookieRule' : 'SiteRule';
  const seen =
    scope === 'cookie' ? 'cookie.obs (what the browser did with the line)' : 'site (HSTS, redirects, logins)';
  return `import type { ${type} } from './types.ts';
import { NONE } from './util.ts';

/**
 * ${title}.
 * Say here what the browser does with such a line, why it matters, and which public check
 * (Observatory, ZAP, Django's deploy checks, RFC 6265bis) judges it the same way.
 */
export const rule: ${type} = {
  id: '${id}',
  title: '${title.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}',
  scope: '${scope}',
  defaultSeverity: '${severity}',
  lesson: '${id}',
  check() {
    // The detection: take ({ ${scope === 'cookie' ? 'cookie, site' : 'site'} }), read ${seen},
    // and return one finding per problem, with its evidence.
    return NONE;
  },
};
`;
}

function testSource({ id }: NewRuleOptions): string {
  return `import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../../helpers/site.ts';

const RULE = '${id}';

describe(RULE, () => {
  // Scaffolded by npm run new:rule. Replace the placeholder with literal Set-Cookie lines the rule
  // must flag, and add the lines it must leave alone (the hardened variant, the near misses).
  it('flags the Set-Cookie line it is written for (write the fixture)', () => {
    expect(findingsOf(RULE, ['placeholder=1; Path=/'])).toHaveLength(1);
  });
});
`;
}

function lessonStub({ title }: NewRuleOptions): Record<string, unknown> {
  return {
    title,
    summary: `${title}: say in one line what is wrong and what to change.`,
    why: 'Explain, in our own words, the attack this rule prevents and what the browser does with such a cookie.',
    fixes: Object.fromEntries(
      FIX_KEYS.map((key) => [key, `Write the ${key} setting or code that fixes it.`]),
    ),
    mistakes: ['Name the common mistake that leads here.'],
    lessons: ['Session security considerations'],
    references: ['https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Set-Cookie'],
  };
}

function scaffold(opts: NewRuleOptions): void {
  const { id, severity } = opts;
  const name = camelCase(id);
  const ruleFile = `src/core/rules/${id}.ts`;
  if (existsSync(file(ruleFile))) fail(`${ruleFile} exists already`);
  const registry = read('src/core/rules/index.ts');
  if (registry.includes(`'./${id}.ts'`)) fail(`${id} is registered already`);
  process.stdout.write(`Scaffolding rule ${id}:\n`);

  write(ruleFile, ruleSource(opts));

  // The registry: imports kept sorted by file name, the rule appended to the catalog.
  const lines = registry.split('\n');
  const imports = lines.filter((l) => l.startsWith('import { rule as '));
  const sorted = [...imports, `import { rule as ${name} } from './${id}.ts';`].sort((a, b) =>
    a.slice(a.indexOf("'")).localeCompare(b.slice(b.indexOf("'"))),
  );
  const first = lines.indexOf(imports[0]);
  lines.splice(first, imports.length, ...sorted);
  write(
    'src/core/rules/index.ts',
    insertBefore(lines.join('\n'), 'export const RULES', '\n];', `\n  ${name},`, 'src/core/rules/index.ts'),
  );

  write(
    'src/core/scoring.ts',
    insertBefore(
      read('src/core/scoring.ts'),
      'export const PENALTIES',
      '\n};',
      `\n  '${id}': { ${severity}: ${DEFAULT_PENALTY[severity]} },`,
      'src/core/scoring.ts',
    ),
  );

  const lessons = JSON.parse(read('src/lessons/lessons.json')) as Record<string, unknown>;
  lessons[id] = lessonStub(opts);
  const sortedLessons = Object.fromEntries(
    Object.keys(lessons)
      .sort()
      .map((k) => [k, lessons[k]]),
  );
  write('src/lessons/lessons.json', `${JSON.stringify(sortedLessons, null, 2)}\n`);

  write(
    'test/helpers/public-rule-ids.ts',
    insertBefore(
      read('test/helpers/public-rule-ids.ts'),
      'PUBLIC_RULE_IDS',
      '\n];',
      `\n  '${id}',`,
      'test/helpers/public-rule-ids.ts',
    ),
  );

  write(`test/unit/core/rules/${id}.test.ts`, testSource(opts));

  // Regenerate docs/rules.md and titles.json in a fresh process (this one loaded the old registry).
  const gen = spawnSync(process.execPath, ['--import', 'tsx', file('scripts/gen.ts')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (gen.status !== 0) fail('npm run gen failed');
  const biome = spawnSync(
    file('node_modules/.bin/biome'),
    ['format', '--write', 'src/lessons/lessons.json', ruleFile, `test/unit/core/rules/${id}.test.ts`],
    { cwd: ROOT, stdio: 'ignore' },
  );
  if (biome.status !== 0) fail('biome format failed');

  process.stdout.write(`
Next:
  1. ${ruleFile}: the detection (check), returning one finding per problem with its evidence.
  2. test/unit/core/rules/${id}.test.ts: literal Set-Cookie lines it flags and leaves alone.
  3. src/lessons/lessons.json "${id}": the summary, why, fixes per framework, mistakes, sources.
  4. src/core/scoring.ts: the penalty per severity the rule emits (docs/scoring.md).
  5. npm run gen && npm run check
`);
}

scaffold(options(process.argv.slice(2)));
