/**
 * The HTML report: one self-contained file rendered server-side (preact-render-to-string) from the
 * full-page report's own components, in document mode. Inline CSS only, allowed by its hash in a
 * strict Content-Security-Policy; no script, nothing fetched, values never included (the report
 * holds none). Light and dark follow prefers-color-scheme; printed, each site starts a new page.
 */
import { renderToString } from 'preact-render-to-string';
import { cspHash, type ReportWithWarnings } from '../core/index.ts';
import { DocumentContext, type DocumentRender } from '../ui/contexts.tsx';
import { Report } from './components/Report.tsx';

export interface HtmlReportOptions {
  /** The stylesheet to inline (src/ui/styles.css followed by src/report/document.css). */
  css: string;
  lessonFor: DocumentRender['lessonFor'];
}

/** For text and double-quoted attribute values. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Keeps the stylesheet from closing its own <style> element. */
function safeCss(css: string): string {
  return css.replace(/<\/(style)/gi, '<\\/$1');
}

export function renderHtmlReport(report: ReportWithWarnings, options: HtmlReportOptions): string {
  const css = safeCss(options.css);
  const createdAt = Date.parse(report.createdAt);
  const body = renderToString(
    <DocumentContext.Provider value={{ lessonFor: options.lessonFor }}>
      <Report
        sites={report.sites.map((audit) => ({ audit, lastSeen: createdAt }))}
        now={Number.isNaN(createdAt) ? Date.now() : createdAt}
        info={{
          createdAt: report.createdAt,
          version: report.generator.version,
          warnings: report.warnings ?? [],
          ...(report.baseline ? { baseline: report.baseline } : {}),
        }}
      />
    </DocumentContext.Provider>,
  );
  const csp = [
    "default-src 'none'",
    `style-src ${cspHash(css)}`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const sites = report.sites.map((s) => s.origin);
  const title = `Cookie Audit report${sites.length === 1 ? ` — ${sites[0]}` : sites.length > 1 ? ` — ${sites.length} sites` : ''}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="cookie-audit ${escapeHtml(report.generator.version)}">
<title>${escapeHtml(title)}</title>
<style>${css}</style>
</head>
<body class="report document">
${body}
</body>
</html>
`;
}
