/// <reference types="vite/client" />
/**
 * The HTML report built in the worker for the export buttons: the same server-side rendering as the
 * CLI's, with the report page's stylesheets bundled in as text.
 */
import type { ReportWithWarnings } from '../core/index.ts';
import { lessonFor } from '../lessons/index.ts';
import documentCss from '../report/document.css?inline';
import { renderHtmlReport } from '../report/html-report.tsx';
import popupCss from '../ui/styles.css?inline';

export function htmlReport(report: ReportWithWarnings): string {
  return renderHtmlReport(report, { css: `${popupCss}\n${documentCss}`, lessonFor });
}
