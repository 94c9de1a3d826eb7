/** Export buttons in the popup and the full-page report: each format saved through an object URL. */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Popup } from '../../../src/popup/components/Popup.tsx';
import { ReportApp } from '../../../src/report/components/Report.tsx';
import { FIXTURE_NOW, manyFindingsView } from '../../../src/ui/connect/fixtures.ts';
import { createMockActions } from '../../../src/ui/connect/mock.ts';

let saved: { name: string; blob: Blob }[];

beforeEach(() => {
  saved = [];
  const urls = new Map<string, Blob>();
  Object.defineProperty(URL, 'createObjectURL', {
    value: vi.fn((blob: Blob) => {
      const url = `blob:test-${urls.size}`;
      urls.set(url, blob);
      return url;
    }),
    configurable: true,
  });
  Object.defineProperty(URL, 'revokeObjectURL', { value: vi.fn(), configurable: true });
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ name: this.download, blob: urls.get(this.href)! });
  });
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('export from the popup', () => {
  it('saves the tab site as JSON, Markdown and SARIF', async () => {
    const view = manyFindingsView();
    const actions = createMockActions(view);
    render(<Popup data={view} actions={actions} now={FIXTURE_NOW} />);
    for (const label of ['Export JSON', 'Export Markdown', 'Export SARIF']) {
      fireEvent.click(screen.getByRole('button', { name: label }));
      await waitFor(() =>
        expect(saved.length).toBe(['Export JSON', 'Export Markdown', 'Export SARIF'].indexOf(label) + 1),
      );
    }
    expect(saved.map((s) => s.name.replace(/^cookie-audit-[\d-]+/, ''))).toEqual(['.json', '.md', '.sarif']);
    expect(saved.map((s) => s.blob.type)).toEqual([
      'application/json',
      'text/markdown',
      'application/sarif+json',
    ]);
    const json = JSON.parse(await saved[0].blob.text());
    expect(json.sites).toHaveLength(1);
    expect(json.sites[0].origin).toBe(view.origin);
    expect(await saved[1].blob.text()).toContain(`grade ${view.audit!.grade}`);
    const sarif = JSON.parse(await saved[2].blob.text());
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.length).toBeGreaterThan(0);
    expect(actions.calls.filter((c) => c.action === 'exportReport').map((c) => c.arg)).toEqual([
      { format: 'json', tabId: view.tabId },
      { format: 'md', tabId: view.tabId },
      { format: 'sarif', tabId: view.tabId },
    ]);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('SARIF report downloaded'));
  });

  it('says so when the export fails', async () => {
    const view = manyFindingsView();
    const actions = createMockActions(view);
    actions.exportReport = async () => {
      throw new Error('background gone');
    };
    render(<Popup data={view} actions={actions} now={FIXTURE_NOW} />);
    fireEvent.click(screen.getByRole('button', { name: 'Export Markdown' }));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe(
        'Could not build the Markdown report: background gone',
      ),
    );
    expect(saved).toEqual([]);
  });
});

describe('export from the full-page report', () => {
  it('offers every site in each format', async () => {
    const actions = createMockActions('clean');
    render(<ReportApp actions={actions} now={FIXTURE_NOW} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Download Markdown report' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    const md = await saved[0].blob.text();
    expect(md).toContain('| Site | Grade | Score |');
    expect(md.match(/^## \d+\. /gm)).toHaveLength(3);
    fireEvent.click(screen.getByRole('button', { name: 'Download SARIF report' }));
    await waitFor(() => expect(saved).toHaveLength(2));
    expect(Object.keys(JSON.parse(await saved[1].blob.text()).runs[0].originalUriBaseIds)).toEqual([
      'SITE1',
      'SITE2',
      'SITE3',
    ]);
  });
});
