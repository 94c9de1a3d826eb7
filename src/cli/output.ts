/**
 * The one way the CLI (and `npm start`) writes to stdout and stderr. Every text goes through the
 * same scrubbing before it leaves the process: URLs lose user info, query and fragment (a login form
 * with method=get puts `?password=…` in the page it lands on), and the secrets given to the CLI (the
 * password, from --password or --password-env) become `***`.
 */
import { scrubText } from '../core/index.ts';

const secrets: string[] = [];

/** Adds secrets to mask from now on (empty strings are ignored). */
export function addSecrets(values: readonly string[]): void {
  for (const value of values) if (value.length > 0 && !secrets.includes(value)) secrets.push(value);
}

/** What any CLI text becomes before it is written: scrubbed URLs, masked secrets. */
export function scrubOutput(text: string): string {
  let out = scrubText(text);
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join('***');
  return out;
}

/** Writes to standard output (reports, help, the rule catalog). */
export function writeOut(text: string): void {
  process.stdout.write(scrubOutput(text));
}

/** Writes one or more lines to standard error (progress, warnings, errors); adds the final newline. */
export function writeErr(line: string): void {
  process.stderr.write(`${scrubOutput(line)}\n`);
}

/** Writes one line to standard output; adds the final newline. */
export function writeOutLine(line: string): void {
  writeOut(`${line}\n`);
}
