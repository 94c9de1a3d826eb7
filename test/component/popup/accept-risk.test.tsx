/**
 * "Accept risk…" and provenance in the popup on a mocked background: the form needs a reason, saves
 * the settings entry, and the finding then shows the reason; a cookie card says who set it; an
 * expired acceptance is announced.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { TabView } from '../../../src/messages.ts';
import { PopupApp } from '../../../src/popup/components/Popup.tsx';
import { cleanSiteView, FIXTURE_NOW, manyFindingsView } from '../../../src/ui/connect/fixtures.ts';
import { createMockActions } from '../../../src/ui/connect/mock.ts';

afterEach(() => cleanup());

// happy-dom has no modal dialogs: showModal opens the dialog in place.
HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
  this.setAttribute('open', '');
};

async function open(view: TabView) {
  const actions = createMockActions(view);
  render(<PopupApp tabId={view.tabId} actions={actions} now={FIXTURE_NOW} />);
  await screen.findByRole('main');
  await waitFor(() => expect(screen.queryByText('Loading the audit…')).toBeNull());
  return actions;
}

describe('Accept risk…', () => {
  it('asks for a reason, saves the entry and shows the reason on the finding', async () => {
    const view = manyFindingsView(3);
    const actions = await open(view);
    const first = view.audit!.cookies.find((c) => !c.thirdParty && c.findings.length > 0)!;
    const rule = first.findings[0].rule;
    const card = screen.getAllByRole('article').find((a) => a.textContent?.includes(first.name))!;
    const row = within(card)
      .getAllByRole('listitem')
      .find((li) => li.classList.contains('finding') && li.textContent?.includes(rule))!;
    fireEvent.click(within(row).getByRole('button', { name: 'Accept risk…' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.submit(dialog.querySelector('form')!);
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(/Say why/);
    expect(actions.calls.some((c) => c.action === 'acceptRisk')).toBe(false);

    fireEvent.input(within(dialog).getByLabelText('Reason (required)'), {
      target: { value: ' Known, tracked ' },
    });
    fireEvent.input(within(dialog).getByLabelText(/^Until/), { target: { value: '2099-01-31' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Accept risk' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(actions.calls.find((c) => c.action === 'acceptRisk')?.arg).toEqual({
      rule,
      cookie: first.name,
      site: view.audit!.origin,
      reason: 'Known, tracked',
      until: '2099-01-31',
    });
    await waitFor(() => expect(screen.getAllByText('accepted risk').length).toBeGreaterThan(0));
    expect(document.body.textContent).toContain('Known, tracked');
  });
});

describe('provenance and expired acceptances', () => {
  it('a card says which response set the cookie; an expired acceptance is a warning', async () => {
    const view = cleanSiteView(4);
    const audit = view.audit!;
    audit.cookies[0].provenance = {
      first: {
        by: 'response',
        method: 'POST',
        url: `${audit.origin}/login`,
        status: 302,
        mainFrame: true,
        at: '2026-01-15T09:30:00.000Z',
      },
      last: { by: 'script', url: `${audit.origin}/app`, at: '2026-01-15T09:31:00.000Z' },
    };
    audit.expiredAcceptances = [{ rule: 'hsts-missing', reason: 'CDN adds it', until: '2020-01-31' }];
    await open(view);
    const card = screen.getAllByRole('article')[0];
    expect(card.querySelector('.provenance')?.textContent).toBe(
      'Set by POST /login (302, main frame) · last changed by a page script or an unseen response (no Set-Cookie seen)',
    );
    expect(screen.getByRole('note').textContent).toMatch(
      /hsts-missing expired on 2020-01-31; it applies no more/,
    );
  });
});
