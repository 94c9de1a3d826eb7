/**
 * A broken JSON file given to the real binary is described on stderr by position, never by an
 * excerpt (a HAR holds cookies and form bodies). The writer itself: test/unit/cli/output.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../helpers/cli-runner.ts';

vi.setConfig({ testTimeout: 60_000 });

const dir = mkdtempSync(path.join(tmpdir(), 'cookie-audit-output-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('JSON errors', () => {
  it.each(['--config', '--har'])('%s: a broken file gives a position on stderr, no excerpt', async (flag) => {
    const file = path.join(dir, `broken-${flag.slice(2)}.json`);
    writeFileSync(file, '{"log": {"entries": [{"request": {"headers": [{"value": sid=PlainSecret0042}]}}]}}');
    const args = flag === '--har' ? ['--har', file] : ['--har', file, '--config', file];
    const r = await runCli(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/is not valid JSON \(line 1, column \d+\)/);
    expect(r.stderr).not.toContain('PlainSecret0042');
    expect(r.stderr).not.toContain('sid=');
  });
});
