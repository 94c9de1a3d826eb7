import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = join(import.meta.dirname, '../../../src/core');
const ALLOWED_PACKAGES = new Set(['tldts']);

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...tsFiles(p));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** Every module specifier in static imports, re-exports and dynamic imports. */
function specifiers(source: string): string[] {
  const out: string[] = [];
  const patterns = [
    /\bimport\s+(?:type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bexport\s+(?:type\s+)?(?:\*|\{[^}]*\})(?:\s+as\s+\w+)?\s*from\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of source.matchAll(re)) out.push(m[1]);
  return out;
}

describe('src/core is pure', () => {
  const files = tsFiles(CORE);

  it('finds the core sources', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('the specifier scanner sees every import form', () => {
    const sample = `import a from 'x1';\nimport type { B } from "x2";\nimport 'x3';\nexport * from './x4.ts';\nexport { c } from 'x5';\nconst d = await import('x6');\nconst e = require('x7');`;
    expect(specifiers(sample)).toEqual(
      expect.arrayContaining(['x1', 'x2', 'x3', './x4.ts', 'x5', 'x6', 'x7']),
    );
  });

  for (const file of files) {
    it(`${relative(CORE, file)} imports only relative modules and allowed packages`, () => {
      const bad = specifiers(readFileSync(file, 'utf8')).filter(
        (s) =>
          s.startsWith('node:') || (!s.startsWith('./') && !s.startsWith('../') && !ALLOWED_PACKAGES.has(s)),
      );
      expect(bad).toEqual([]);
    });

    it(`${relative(CORE, file)} does not reach outside src/core`, () => {
      const outside = specifiers(readFileSync(file, 'utf8')).filter((s) => {
        if (!s.startsWith('.')) return false;
        const target = join(file, '..', s);
        return relative(CORE, target).startsWith('..');
      });
      expect(outside).toEqual([]);
    });
  }

  it('uses no Node or browser globals', () => {
    const offenders: string[] = [];
    const globals = /\b(Buffer|process|chrome|browser|window|document|globalThis|__dirname|require)\b\s*[.(]/;
    for (const file of files) {
      const code = stripComments(readFileSync(file, 'utf8'));
      const m = globals.exec(code);
      if (m) offenders.push(`${relative(CORE, file)}: ${m[0]}`);
    }
    expect(offenders).toEqual([]);
  });

  it('the globals scan ignores comments but not code', () => {
    expect(stripComments('// no browser.\n/* process.env */ const x = 1;')).not.toMatch(/browser|process/);
    expect(stripComments('const v = process.env.X;')).toMatch(/process\.env/);
  });
});

function stripComments(src: string): string {
  return src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}
