/**
 * axe-core on the rendered popup and report in happy-dom. happy-dom has no layout, so rules that need
 * one (colour contrast, target size) are left to the e2e run in real Chromium; the rest run here.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TabView } from '../../src/messages.ts';
import { Popup } from '../../src/popup/components/Popup.tsx';
import { Report } from '../../src/report/components/Report.tsx';
import {
  cleanSiteView,
  FIXTURE_NOW,
  makeSiteSummaries,
  manyFindingsView,
  noHostAccessView,
  nonWebView,
  reloadToAuditView,
  waitingView,
} from '../../src/ui/connect/fixtures.ts';
import { createMockActions } from '../../src/ui/connect/mock.ts';

// axe walks every node in happy-dom: the popup with a card and its lessons open takes seconds on a
// shared machine (each finding now also offers "Accept risk…").
vi.setConfig({ testTimeout: 30_000 });

afterEach(() => cleanup());

async function seriousViolations(): Promise<string[]> {
  const results = await axe.run(document.body, {
    resultTypes: ['violations'],
    rules: { 'color-contrast': { enabled: false }, 'target-size': { enabled: false } },
  });
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

function renderPopup(view: TabView) {
  document.documentElement.lang = 'en';
  document.title = 'Cookie Audit';
  return render(<Popup data={view} actions={createMockActions(view)} now={FIXTURE_NOW} />);
}

describe('axe-core finds no serious or critical violation', () => {
  it('runs for real in happy-dom (a nameless button and an unlabelled input are caught)', async () => {
    render(
      <main>
        <button type="button" />
        <input type="search" />
      </main>,
    );
    const found = await seriousViolations();
    expect(found.some((v) => v.startsWith('button-name'))).toBe(true);
    expect(found.some((v) => v.startsWith('label'))).toBe(true);
  });

  it.each([
    ['clean site', cleanSiteView()],
    ['many findings', manyFindingsView()],
    ['nothing seen yet', waitingView()],
    ['reload to audit', reloadToAuditView()],
    ['no host access', noHostAccessView()],
    ['non-web page', nonWebView()],
  ])('popup: %s', async (_name, view) => {
    renderPopup(view);
    expect(await seriousViolations()).toEqual([]);
  });

  it('popup with a card expanded, a lesson open and the third-party group open', async () => {
    const { container } = renderPopup(manyFindingsView());
    const card = container.querySelector<HTMLElement>('.card')!;
    fireEvent.click(within(card).getAllByRole('button')[0]);
    fireEvent.click(screen.getAllByRole('button', { name: 'Why, and how to fix it' })[0]);
    fireEvent.click(screen.getByRole('button', { name: /Third-party cookies/ }));
    await waitFor(() => expect(screen.getAllByRole('tablist').length).toBeGreaterThan(1));
    expect(await seriousViolations()).toEqual([]);
  });

  it('full-page report', async () => {
    document.documentElement.lang = 'en';
    render(<Report sites={makeSiteSummaries()} now={FIXTURE_NOW} onDownload={async () => {}} />);
    expect(await seriousViolations()).toEqual([]);
  });
});
