import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lessons } from '../../../src/lessons/index.ts';
import { Report, ReportApp } from '../../../src/report/components/Report.tsx';
import { FIXTURE_NOW, makeSiteSummaries } from '../../../src/ui/connect/fixtures.ts';
import { createMockActions } from '../../../src/ui/connect/mock.ts';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('full-page report', () => {
  it('lists every site seen with grade, counts and findings, most recent first', async () => {
    const actions = createMockActions('clean');
    render(<ReportApp actions={actions} now={FIXTURE_NOW} />);
    const table = await screen.findByRole('table', { name: 'Overview, most recent first' });
    expect(actions.calls[0]).toEqual({ action: 'getAllSites' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual([
      'https://staging.example.com',
      'https://secure.example.org',
      'http://legacy.example.com',
    ]);
    expect(within(rows[1]).getAllByRole('cell')[0].textContent).toBe('A+');
    // One section per site, each with the popup's pieces.
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      'https://staging.example.com',
      'https://secure.example.org',
      'http://legacy.example.com',
    ]);
    expect(screen.getByRole('img', { name: 'Grade D, score 35' })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Grade A+, score 105' })).toBeTruthy();
    expect(screen.getByText('HTTP, not encrypted')).toBeTruthy();
    expect(screen.getAllByRole('list', { name: 'Site findings' })[0].textContent).toContain(
      lessons['hsts-short'].title,
    );
    expect(screen.getAllByRole('list', { name: /^First-party cookies/ })).toHaveLength(3);
    // No tab here: values cannot be revealed from the report.
    expect(screen.queryByRole('button', { name: /^Reveal the value/ })).toBeNull();
  });

  it('filters every site at once', async () => {
    render(<Report sites={makeSiteSummaries()} now={FIXTURE_NOW} />);
    fireEvent.input(screen.getByRole('searchbox', { name: 'Filter cookies by text' }), {
      target: { value: '__Host-csrf' },
    });
    await waitFor(() => {
      const cards = document.querySelectorAll('.card');
      expect(cards).toHaveLength(1);
      expect(cards[0].querySelector('.cookie-name')!.textContent).toBe('__Host-csrf');
    });
  });

  it('says so when no site has been seen', async () => {
    render(<ReportApp actions={createMockActions('clean', { sites: [] })} />);
    expect(await screen.findByText(/No site has been audited yet/)).toBeTruthy();
  });

  it('offers the JSON report as a download', async () => {
    const actions = createMockActions('clean');
    const createObjectURL = vi.fn(() => 'blob:report');
    Object.defineProperty(URL, 'createObjectURL', { value: createObjectURL, configurable: true });
    Object.defineProperty(URL, 'revokeObjectURL', { value: vi.fn(), configurable: true });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    render(<ReportApp actions={actions} now={FIXTURE_NOW} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Download JSON report' }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(actions.calls.at(-1)).toEqual({ action: 'getReport' });
    const blob = (createObjectURL.mock.calls[0] as unknown as [Blob])[0];
    const report = JSON.parse(await blob.text());
    expect(report.schema).toBe('cookie-audit-report/1');
    expect(report.sites).toHaveLength(3);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('JSON report downloaded'));
  });
});
