/**
 * Runs the cookie-audit CLI (src/cli/bin.mjs) in a child process. Asynchronous on purpose: tests
 * that serve the demo site from their own process must keep answering while the CLI browses it.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../../src/cli/paths.ts';

const BIN = path.join(ROOT, 'src/cli/bin.mjs');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runProcess(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
}

/** Any command, asynchronously, with its output collected. */
export function runProcess(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, options);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
