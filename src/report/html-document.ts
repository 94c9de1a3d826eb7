/**
 * The HTML report in Node: the extension's own report components rendered server-side, with the
 * report page's stylesheets read from beside the compiled modules (src/ in a clone, dist-node/ in
 * the package), so the CLI and the library render the same file as the extension.
 */
import { readFileSync } from 'node:fs';
import type { ReportWithWarnings } from '../core/index.ts';
import { lessonFor } from '../lessons/index.ts';
import { renderHtmlReport } from './html-report.tsx';

const STYLESHEETS = ['../ui/styles.css', './document.css'];

let css: string | undefined;

/** The same stylesheets the extension's report page uses, plus the document and print rules. */
export function reportCss(): string {
  css ??= STYLESHEETS.map((f) => readFileSync(new URL(f, import.meta.url), 'utf8')).join('\n');
  return css;
}

export function htmlReport(report: ReportWithWarnings): string {
  return renderHtmlReport(report, { css: reportCss(), lessonFor });
}
