/**
 * The options are declared once (src/cli/options.ts): these tests hold the README's option table and
 * the help text to that declaration, so a new option cannot be documented in one place only.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_OPTIONS, helpText, type OptionSpec, parseCli } from '../../../src/cli/options.ts';
import { ROOT } from '../../../src/cli/paths.ts';

const declared = CLI_OPTIONS as readonly OptionSpec[];

/** The first cells of the README's option table (the rows whose first cell starts with `--` or URL). */
function readmeOptionCells(): string[] {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const header = readme.indexOf('| option | what it does |');
  expect(header, 'README.md has the "| option | what it does |" table').toBeGreaterThan(-1);
  const rows: string[] = [];
  for (const line of readme.slice(header).split('\n').slice(2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.split(/(?<!\\)\|/)[1].trim());
  }
  return rows;
}

describe('the README option table and the declaration agree', () => {
  const cells = readmeOptionCells();
  const documented = new Set(
    cells.flatMap((cell) => [...cell.matchAll(/--([a-z][a-z-]*)/g)].map((m) => m[1])),
  );

  it('lists every declared option (but --help)', () => {
    const missing = declared
      .filter((o) => o.name !== 'help' && !documented.has(o.name))
      .map((o) => `--${o.name}`);
    expect(missing, 'add a row for each to the README table under "For reviewers"').toEqual([]);
  });

  it('lists no option that is not declared', () => {
    const names = new Set(declared.map((o) => o.name));
    expect([...documented].filter((name) => !names.has(name))).toEqual([]);
  });

  it('names the same choices as the declaration', () => {
    for (const option of declared.filter((o) => o.choices)) {
      const lists = cells.flatMap((cell) =>
        [...cell.matchAll(new RegExp(`--${option.name} ([a-z0-9]+(?:\\\\\\|[a-z0-9]+)+)`, 'g'))].map((m) =>
          m[1].split('\\|'),
        ),
      );
      expect(lists, `--${option.name} with its choices in the README table`).toContainEqual([
        ...option.choices!,
      ]);
    }
  });
});

describe('the help text comes from the declaration', () => {
  const help = helpText();

  it('shows every option with its value placeholder and every help line', () => {
    for (const option of declared) {
      const label = `--${option.name}${option.value ? ` ${option.value}` : ''}`;
      expect(help).toContain(label);
      for (const line of option.help) expect(help).toContain(line);
    }
  });

  it('accepts every declared option and rejects an undeclared one', () => {
    expect(parseCli(['--help'])).toBe('help');
    const options = parseCli(['--rules', '--insecure', '--format', 'json', '--browser', 'firefox'], {});
    expect(options).toMatchObject({ rules: true, insecure: true, format: 'json', browser: 'firefox' });
    expect(() => parseCli(['--no-such-option'], {})).toThrow('Bad option --no-such-option (see --help)');
  });

  it('enforces every declared choice list', () => {
    for (const option of declared.filter((o) => o.choices)) {
      expect(() => parseCli([`--${option.name}`, 'not-a-choice'], {})).toThrow(
        `Unknown --${option.name} "not-a-choice"`,
      );
    }
    expect(() => parseCli(['--browser', 'safari'], {})).toThrow('(use chromium or firefox)');
  });
});
