/**
 * The HTML report in Node (the extension's own components, rendered server-side) and the PDF:
 * that HTML printed by headless Chromium, A4 or Letter, with page numbers in the footer.
 */
import { htmlReport, reportCss } from '../report/html-document.ts';
import { findChromium } from './chromium.ts';
import { UsageError } from './errors.ts';
import type { Paper } from './options.ts';

export { htmlReport, reportCss };

const FOOTER = `<div style="font: 8px system-ui, sans-serif; width: 100%; padding: 0 12mm; display: flex; justify-content: space-between; color: #57606a;">
<span>Cookie Audit report</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`;

/**
 * Prints the HTML report to PDF in a plain headless Chromium (no extension, no network: the page
 * is set from a string and its CSP blocks every fetch). A usage error when no Chromium exists.
 */
export async function pdfReport(html: string, paper: Paper): Promise<Buffer> {
  let executablePath: string;
  try {
    executablePath = findChromium();
  } catch (error) {
    throw new UsageError(
      `--format pdf prints with Chromium, and none is available (${(error as Error).message}); --format html writes the same report without a browser.`,
    );
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-extensions'],
  });
  try {
    const page = await browser.newPage();
    // Nothing may leave: the report needs no request, and any attempt is refused.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print', colorScheme: 'light' });
    return await page.pdf({
      format: paper === 'letter' ? 'Letter' : 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<div></div>',
      footerTemplate: FOOTER,
      margin: { top: '14mm', bottom: '16mm', left: '12mm', right: '12mm' },
    });
  } finally {
    await browser.close();
  }
}
