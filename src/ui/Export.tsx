/**
 * Export buttons (JSON, Markdown, SARIF, the CSV cookie inventory, the HTML report) for the popup and the full-page report. The file is built by
 * the background (same renderers as the CLI) and saved through a temporary object URL and an
 * `<a download>`: nothing leaves the browser and no `downloads` permission is needed.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { ReportFormat } from '../core/index.ts';
import type { ExportedReport } from '../messages.ts';

export const EXPORT_FORMATS: readonly { format: ReportFormat; label: string }[] = [
  { format: 'json', label: 'JSON' },
  { format: 'md', label: 'Markdown' },
  { format: 'sarif', label: 'SARIF' },
  { format: 'csv', label: 'CSV' },
  { format: 'html', label: 'HTML' },
];

/** Offers a rendered report as a download. */
export function saveExport(exported: ExportedReport): void {
  const blob = new Blob([exported.content], { type: exported.mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = exported.filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ExportButtons({
  onExport,
  announce,
  verb = 'Export',
  label,
}: {
  onExport: (format: ReportFormat) => Promise<void>;
  announce: (message: string) => void;
  /** Visible verb on each button ("Export JSON", "Download JSON report"). */
  verb?: 'Export' | 'Download';
  /** Accessible name of the group. */
  label: string;
}): JSX.Element {
  const [busy, setBusy] = useState<ReportFormat | null>(null);
  const run = async (format: ReportFormat, name: string) => {
    setBusy(format);
    try {
      await onExport(format);
      announce(`${name} report downloaded`);
    } catch (error) {
      announce(`Could not build the ${name} report: ${(error as Error).message}`);
    } finally {
      setBusy(null);
    }
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of buttons, not a form field set
    <div class="export-buttons" role="group" aria-label={label}>
      {EXPORT_FORMATS.map(({ format, label: name }) => (
        <button
          key={format}
          type="button"
          class="small"
          disabled={busy !== null}
          onClick={() => void run(format, name)}
        >
          {verb === 'Download' ? `Download ${name} report` : `Export ${name}`}
        </button>
      ))}
    </div>
  );
}
