/** `cookie-audit merge REPORT.json ... [--format FORMAT] [--out FILE] [--fail-on SEVERITY]`. */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { findingsAtOrAbove, REPORT_FORMATS, type ReportFormat, type Severity } from '../core/index.ts';
import { type MergeableReport, mergeReports, readReport } from './merge.ts';
import { writeErr, writeOut } from './output.ts';
import { UsageError } from './reach-common.ts';

const FAIL_ON: readonly Severity[] = ['high', 'medium', 'low'];

export async function runMerge(
  argv: string[],
  tools: {
    render(report: MergeableReport, format: ReportFormat): string | Promise<string>;
    packageVersion(): string;
  },
): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'json' },
        out: { type: 'string' },
        'fail-on': { type: 'string' },
        quiet: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    const option = /option ['"]?(-{1,2}[\w-]+)/.exec(String(error))?.[1];
    throw new UsageError(
      option ? `merge: bad option ${option} (see --help)` : 'merge: bad arguments (see --help)',
    );
  }
  const { values, positionals } = parsed;
  const format = values.format as string;
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`Unknown --format "${format}" (use ${REPORT_FORMATS.join(', ')})`);
  }
  const failOn = values['fail-on'] as string | undefined;
  if (failOn !== undefined && !(FAIL_ON as readonly string[]).includes(failOn)) {
    throw new UsageError(`Unknown --fail-on "${failOn}" (use ${FAIL_ON.join(', ')})`);
  }
  if (positionals.length === 0)
    throw new UsageError('merge needs the JSON reports to merge: cookie-audit merge a.json b.json');
  const merged = mergeReports(positionals.map(readReport), positionals, tools.packageVersion());
  const text = await tools.render(merged, format as ReportFormat);
  if (values.out) writeFileSync(values.out as string, text);
  else writeOut(text);
  if (!values.quiet) {
    const grades = merged.sites.map((s) => `${s.origin} ${s.grade}`).join(', ');
    writeErr(
      `Merged ${positionals.length} report(s), ${merged.sites.length} site(s)${grades ? `: ${grades}` : ''}`,
    );
  }
  if (failOn) {
    const failing = findingsAtOrAbove(merged, failOn as Severity);
    if (failing.length > 0) {
      writeErr(`cookie-audit: ${failing.length} finding(s) at or above ${failOn} (--fail-on ${failOn})`);
      return 1;
    }
  }
  return 0;
}
