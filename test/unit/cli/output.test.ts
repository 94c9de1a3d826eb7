/**
 * Everything the CLI writes goes through one scrubbing writer, and a broken JSON file is described
 * by position, never by an excerpt (a HAR holds cookies and form bodies). The same through the real
 * binary: test/integration/cli/output.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sandboxReason } from '../../../src/cli/chromium.ts';
import { jsonErrorOffset, parseJsonFile } from '../../../src/cli/json.ts';
import { addSecrets, scrubOutput } from '../../../src/cli/output.ts';

const CLI_DIR = path.resolve(import.meta.dirname, '../../../src/cli');

describe('the CLI writer', () => {
  it('scrubs every URL and every secret it was given', () => {
    addSecrets(['Hunter2-Secret']);
    expect(
      scrubOutput(
        'Logged in: now at https://alice:pw@app.example/welcome?password=Hunter2-Secret#x\nplain Hunter2-Secret\n',
      ),
    ).toBe('Logged in: now at https://app.example/welcome\nplain ***\n');
  });

  it('is the only place in src/cli that writes to stdout or stderr', () => {
    const offenders: string[] = [];
    for (const file of readdirSync(CLI_DIR)) {
      if (!/\.(ts|mjs)$/.test(file) || file === 'output.ts') continue;
      const text = readFileSync(path.join(CLI_DIR, file), 'utf8');
      if (/process\.(stdout|stderr)\.write|console\.(log|error|warn|info)\(/.test(text)) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });
});

describe('JSON errors', () => {
  it.each([
    ['{"a": tru}', 6],
    ['{"a": 1,}', 8],
    ['[1, 2', 5],
    ['{"a": "x\u0001"}', 8],
    ['{"a": 1} x', 9],
    ['', 0],
    ['\uFEFF{}', 0],
  ])('finds where %j stops being JSON', (text, offset) => {
    expect(jsonErrorOffset(text)).toBe(offset);
  });

  it('says the line and column, never an excerpt', () => {
    const text = '{\n  "ignoreNames": [SessionSecretToken123]\n}';
    expect(() => parseJsonFile(text, '--config f.json')).toThrow(
      /^--config f\.json is not valid JSON \(line 2, column 19\)$/,
    );
    expect(jsonErrorOffset('{"valid": [1, 2.5e3, "x\\u00e9", true, null, {}]}')).toBeNull();
    expect(jsonErrorOffset('['.repeat(100_000))).toBeNull();
  });
});

describe('the Chromium sandbox', () => {
  it('stays on unless running as root or --no-sandbox is given', () => {
    expect(sandboxReason(undefined, 1000)).toBeNull();
    expect(sandboxReason(false, 1000)).toBeNull();
    expect(sandboxReason(true, 1000)).toBe('--no-sandbox given');
    expect(sandboxReason(undefined, 0)).toBe('running as root');
  });

  it('is not switched off in the launch arguments by default', () => {
    const source = readFileSync(path.join(CLI_DIR, 'chromium.ts'), 'utf8');
    const defaults = /const args = \[([^\]]*)\]/.exec(source)?.[1] ?? '';
    expect(defaults).toContain('--no-first-run');
    expect(defaults).not.toContain('--no-sandbox');
    expect(source).toContain('chromiumSandbox: unsandboxed === null');
  });
});
