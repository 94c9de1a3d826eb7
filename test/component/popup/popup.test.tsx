import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditedCookie } from '../../../src/core/index.ts';
import { lessons } from '../../../src/lessons/index.ts';
import type { TabView } from '../../../src/messages.ts';
import { EXTENSION_PAGES } from '../../../src/pages.ts';
import { Popup, PopupApp } from '../../../src/popup/components/Popup.tsx';
import {
  cleanSiteView,
  FIXTURE_NOW,
  makeTabView,
  manyFindingsView,
  noHostAccessView,
  reloadToAuditView,
} from '../../../src/ui/connect/fixtures.ts';
import { createMockActions, type MockScenario } from '../../../src/ui/connect/mock.ts';
import { groupCookies, matchesFilter, SEVERITY_RANK } from '../../../src/ui/model.ts';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

async function renderScenario(scenario: MockScenario | TabView) {
  const actions = createMockActions(scenario);
  const result = render(<PopupApp tabId={7} actions={actions} now={FIXTURE_NOW} />);
  await screen.findByRole('main');
  await waitFor(() => expect(screen.queryByText('Loading the audit…')).toBeNull());
  return { actions, ...result };
}

function cookieCards(container: ParentNode): HTMLElement[] {
  return Array.from(container.querySelectorAll<HTMLElement>('.card'));
}

describe('popup with the mock background', () => {
  it('asks the background for the tab it was given', async () => {
    const { actions } = await renderScenario('clean');
    expect(actions.calls[0]).toEqual({ action: 'getTabView', arg: 7 });
  });

  it('clean site: origin, scheme, A+ grade, no findings, framework and coverage', async () => {
    const { container } = await renderScenario('clean');
    expect(screen.getByRole('heading', { level: 1, name: 'https://secure.example.org' })).toBeTruthy();
    expect(screen.getByText('HTTPS')).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Grade A+, score 105' })).toBeTruthy();
    const counts = screen.getByRole('list', { name: 'Findings by severity' });
    expect(counts.textContent).toContain('0 high');
    expect(counts.textContent).toContain('0 medium');
    expect(screen.getByText('Express')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Coverage' }).textContent).toContain('2 Set-Cookie headers');
    const cards = cookieCards(container);
    expect(cards).toHaveLength(2);
    expect(cards[0].textContent).toContain('__Host-sid');
    expect(cards[0].textContent).toContain('no findings');
    expect(cards[0].textContent).toContain('Ends with the browser session');
    expect(cards[0].textContent).toContain('__Host-');
    expect(screen.getByText(/redirects to HTTPS\./)).toBeTruthy();
  });

  it('many findings: counts per severity, session cookies first and worst first', async () => {
    const view = manyFindingsView();
    const { container } = await renderScenario(view);
    const counts = screen.getByRole('list', { name: 'Findings by severity' });
    const high = view
      .audit!.cookies.filter((c) => !c.thirdParty)
      .flatMap((c) => c.findings)
      .filter((f) => f.severity === 'high').length;
    expect(counts.textContent).toContain(`${high} high`);
    expect(screen.getByRole('img', { name: 'Grade D, score 35' })).toBeTruthy();
    expect(screen.getByText('Django')).toBeTruthy();

    // The full order (the DOM holds only the rows in view): session cookies first, worst first.
    const order = groupCookies(view.audit).firstParty;
    const isSession = order.map((r) => r.cookie.role === 'session');
    const boundary = isSession.indexOf(false);
    expect(boundary).toBeGreaterThan(0);
    expect(isSession.slice(boundary).includes(true)).toBe(false);
    for (const part of [order.slice(0, boundary), order.slice(boundary)]) {
      const ranks = part.map((r) => (r.worst ? SEVERITY_RANK[r.worst] : 4));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    }
    // The rendered cards are the head of that order.
    const names = cookieCards(container).map((c) => c.querySelector('.cookie-name')!.textContent);
    expect(names.length).toBeGreaterThan(2);
    expect(names).toEqual(order.slice(0, names.length).map((r) => r.cookie.name));
    expect(cookieCards(container)[0].querySelector('.card-head .sev')!.textContent).toBe('High');
    // Site-level findings are listed with their own explanation toggles.
    const site = screen.getByRole('list', { name: 'Site findings' });
    expect(within(site).getByText(lessons['hsts-short'].title)).toBeTruthy();
  });

  it('keeps third-party cookies in their own collapsed group', async () => {
    const view = manyFindingsView();
    const third = view.audit!.cookies.filter((c) => c.thirdParty);
    expect(third.length).toBeGreaterThan(0);
    const { container } = await renderScenario(view);
    const toggle = screen.getByRole('button', { name: /Third-party cookies/ });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(cookieCards(container).some((c) => c.textContent!.includes('third-party'))).toBe(false);
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const list = await screen.findByRole('list', { name: /^Third-party cookies/ });
    expect(within(list).getAllByRole('listitem', { hidden: false }).length).toBeGreaterThan(0);
    expect(list.textContent).toContain(third[0].domain);
  });

  it('nothing seen yet: says so, no grade, and keeps asking', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const actions = createMockActions('waiting');
      render(<PopupApp tabId={3} actions={actions} now={FIXTURE_NOW} pollMs={200} />);
      await screen.findByText('Nothing seen yet.');
      expect(screen.getByRole('img', { name: 'Not graded' })).toBeTruthy();
      expect(screen.queryByRole('img', { name: /^Grade / })).toBeNull();
      await vi.advanceTimersByTimeAsync(450);
      expect(actions.calls.filter((c) => c.action === 'getTabView').length).toBeGreaterThanOrEqual(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reload to audit: asks for a reload, shows no grade, offers the reload', async () => {
    const { actions } = await renderScenario(reloadToAuditView());
    expect(screen.getByText('Reload the page to audit it.')).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Not graded' })).toBeTruthy();
    expect(screen.queryByRole('img', { name: /^Grade / })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Reload page' }));
    await waitFor(() => expect(actions.calls.at(-1)).toEqual({ action: 'reloadTab', arg: 1 }));
  });

  it('reload to audit after the listeners switched on: says why, still offers the reload', async () => {
    const view = reloadToAuditView();
    view.coverage.startedUnwatched = true;
    const { actions } = await renderScenario(view);
    const coverage = screen.getByRole('region', { name: 'Coverage' }).textContent ?? '';
    expect(coverage).toContain('Reload the page to audit it.');
    expect(coverage).toContain('It started loading before Cookie Audit switched on');
    expect(coverage).toContain('so that other sites cost nothing');
    expect(coverage).not.toContain('It loaded before Cookie Audit could see');
    fireEvent.click(screen.getByRole('button', { name: 'Reload page' }));
    await waitFor(() => expect(actions.calls.at(-1)).toEqual({ action: 'reloadTab', arg: 1 }));
  });

  it('no host access: says so and never shows a clean grade', async () => {
    const view = noHostAccessView();
    expect(view.audit?.grade).toBe('A+');
    await renderScenario(view);
    expect(screen.getByText('No access to this site.')).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Not graded' })).toBeTruthy();
    expect(screen.queryByText('A+')).toBeNull();
    expect(screen.queryByRole('img', { name: /^Grade / })).toBeNull();
  });

  it('non-web page: nothing to audit, still links to the report', async () => {
    const { actions } = await renderScenario('non-web');
    expect(screen.getByRole('heading', { name: 'Nothing to audit here' })).toBeTruthy();
    fireEvent.click(screen.getByRole('link', { name: 'Open full report' }));
    expect(actions.calls.at(-1)).toEqual({ action: 'openReport' });
  });

  it('opens the full report through the actions', async () => {
    const { actions } = await renderScenario('clean');
    const link = screen.getByRole('link', { name: 'Open full report' });
    expect(link.getAttribute('href')).toBe(`/${EXTENSION_PAGES.report}`);
    fireEvent.click(link);
    expect(actions.calls.at(-1)).toEqual({ action: 'openReport' });
  });

  it('checks the HTTP→HTTPS redirect on request and shows the result', async () => {
    const view = manyFindingsView();
    const { actions } = await renderScenario(view);
    expect(screen.queryByText(/without redirecting/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Check HTTP→HTTPS redirect' }));
    await screen.findByText('http://staging.example.com/ answered 200 without redirecting to HTTPS.');
    expect(actions.calls.some((c) => c.action === 'checkRedirect' && c.arg === 1)).toBe(true);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Redirect check finished'));
  });

  it('shows an error instead of a blank popup when the background fails', async () => {
    const actions = createMockActions('clean');
    actions.getTabView = () => Promise.reject(new Error('No reply from the background'));
    render(<PopupApp tabId={1} actions={actions} />);
    expect((await screen.findByRole('alert')).textContent).toContain('No reply from the background');
  });
});

describe('cookie card', () => {
  it('shows attributes at a glance and the value masked with its shape', async () => {
    const view = makeTabView({ cookies: 3 });
    const { container } = await renderScenario(view);
    const card = cookieCards(container).find(
      (c) => c.querySelector('.cookie-name')!.textContent === 'session',
    )!;
    const chips = within(card).getByRole('list', { name: 'Attributes' }).textContent!;
    expect(chips).toContain('not Secure');
    expect(chips).toContain('HttpOnly');
    expect(chips).toMatch(/SameSite=|no SameSite/);
    expect(chips).toContain('Path=/');
    expect(chips).toContain('no prefix');
    expect(chips).toMatch(/Expires 29 Jan 2026, \d\d:\d\d \(in 2 weeks\)/);
    const value = card.querySelector('.value-facts')!.textContent!;
    expect(value).toContain('hidden');
    expect(value).toContain('88 chars');
    expect(value).toContain('≈300 bits');
    expect(value).toContain('flask-signed');
    expect(value).toContain('user_id');
    expect(within(card).getByRole('list', { name: 'Findings for session' }).textContent).toContain(
      lessons['session-missing-secure'].title,
    );
  });

  it('expands to the lesson with the detected framework first and the others one click away', async () => {
    const { container } = await renderScenario(makeTabView({ cookies: 3, framework: 'php' }));
    const card = cookieCards(container)[0];
    const toggle = within(card).getAllByRole('button')[0];
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(within(card).queryByRole('tablist')).toBeNull();
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    // The lesson texts load on first use.
    const tablists = await within(card).findAllByRole('tablist');
    const tabs = within(tablists[0]).getAllByRole('tab');
    expect(tabs[0].textContent).toBe('PHP (detected)');
    expect(tabs[0].getAttribute('aria-selected')).toBe('true');
    expect(tabs.map((t) => t.getAttribute('data-fix'))).toEqual([
      'php',
      'django',
      'flask',
      'express',
      'rails',
      'laravel',
      'spring',
      'aspnet',
      'generic',
    ]);
    const rule = card.querySelector('.rule-id')!.textContent!;
    const visiblePanel = () => within(card).getAllByRole('tabpanel')[0];
    expect(visiblePanel().textContent).toContain(lessons[rule].fixes.php);
    expect(within(card).getAllByText(lessons[rule].why).length).toBeGreaterThan(0);
    expect(within(card).getAllByText(lessons[rule].mistakes[0]).length).toBeGreaterThan(0);
    // Another framework, one click away.
    fireEvent.click(tabs[2]);
    expect(tabs[2].getAttribute('aria-selected')).toBe('true');
    expect(visiblePanel().textContent).toContain(lessons[rule].fixes.flask);
    // Arrow keys move between tabs.
    fireEvent.keyDown(tabs[2], { key: 'ArrowRight' });
    expect(tabs[3].getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(tabs[3]);
  });

  it('falls back to the generic fix first when no framework is recognised', async () => {
    const view = makeTabView({ cookies: 2 });
    view.audit!.frameworks = [];
    const { container } = await renderScenario(view);
    expect(screen.getByText('not recognised (generic fixes shown)')).toBeTruthy();
    fireEvent.click(within(cookieCards(container)[0]).getAllByRole('button')[0]);
    const tab = (await within(cookieCards(container)[0]).findAllByRole('tab'))[0];
    expect(tab.getAttribute('data-fix')).toBe('generic');
  });

  it('copies a fix snippet with the clipboard', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const { container } = await renderScenario(makeTabView({ cookies: 1, framework: 'django' }));
    const card = cookieCards(container)[0];
    fireEvent.click(within(card).getAllByRole('button')[0]);
    const copy = (await within(card).findAllByRole('button', { name: 'Copy the Django fix' }))[0];
    fireEvent.click(copy);
    const rule = card.querySelector('.rule-id')!.textContent!;
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(lessons[rule].fixes.django));
    await waitFor(() => expect(copy.textContent).toBe('Copied'));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Copied to the clipboard'));
  });

  it('reveals a value on request, hides it again, and writes nothing to storage', async () => {
    const setItem = vi.spyOn(Storage.prototype, 'setItem');
    const log = vi.spyOn(console, 'log');
    const info = vi.spyOn(console, 'info');
    const secret = 's3cr3t-value-0123456789';
    const actions = createMockActions(cleanSiteView(), { reveal: () => secret });
    const { container } = render(<PopupApp tabId={5} actions={actions} now={FIXTURE_NOW} />);
    const reveal = await screen.findByRole('button', { name: 'Reveal value of __Host-sid' });
    expect(container.textContent).not.toContain(secret);
    fireEvent.click(reveal);
    await screen.findByText(secret);
    expect(actions.calls.at(-1)).toEqual({
      action: 'revealValue',
      arg: { name: '__Host-sid', domain: 'secure.example.org', path: '/' },
    });
    expect(container.innerHTML.split(secret).length - 1).toBe(1);
    fireEvent.click(screen.getByRole('button', { name: 'Hide value of __Host-sid' }));
    await waitFor(() => expect(container.textContent).not.toContain(secret));
    expect(setItem).not.toHaveBeenCalled();
    expect(localStorage.length).toBe(0);
    expect(sessionStorage.length).toBe(0);
    for (const spy of [log, info]) {
      for (const call of spy.mock.calls) expect(JSON.stringify(call)).not.toContain(secret);
    }
  });

  it('drops a revealed value when the popup goes away', async () => {
    const secret = 'another-secret-value';
    const actions = createMockActions(cleanSiteView(), { reveal: () => secret });
    const { container, unmount } = render(<PopupApp tabId={5} actions={actions} now={FIXTURE_NOW} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Reveal value of __Host-sid' }));
    await screen.findByText(secret);
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    await waitFor(() => expect(container.textContent).not.toContain(secret));
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    unmount();
    expect(document.body.textContent).not.toContain(secret);
  });

  it('renders names, payload keys, evidence and values as text, never as markup', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const view = cleanSiteView();
    const cookie: AuditedCookie = {
      ...view.audit!.cookies[0],
      name: evil,
      domain: 'secure.example.org',
      value: {
        length: 40,
        entropyBits: 90,
        format: 'jwt',
        payloadKeys: ['<b>bold</b>', evil],
        redacted: true,
      },
      evidence: `Set-Cookie: ${evil}=…; Path=/`,
      findings: [
        {
          rule: 'session-missing-secure',
          severity: 'high',
          message: `<script>alert(2)</script> ${evil}`,
          evidence: `Set-Cookie: ${evil}=…; Path=/`,
        },
      ],
    };
    view.audit!.cookies = [cookie];
    view.audit!.origin = `https://x.example/${evil}`;
    view.origin = `https://x.example/${evil}`;
    const actions = createMockActions(view, { reveal: () => '<img src=y onerror=alert(3)>' });
    const { container } = render(<PopupApp tabId={1} actions={actions} now={FIXTURE_NOW} />);
    const card = await waitFor(() => {
      const c = cookieCards(container)[0];
      expect(c).toBeTruthy();
      return c;
    });
    fireEvent.click(within(card).getAllByRole('button')[0]);
    fireEvent.click(screen.getByRole('button', { name: `Reveal value of ${evil}` }));
    await screen.findByText('<img src=y onerror=alert(3)>');
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(card.querySelector('.cookie-name')!.textContent).toBe(evil);
    expect(card.textContent).toContain('<b>bold</b>');
    expect(card.textContent).toContain('<script>alert(2)</script>');
    expect(document.querySelector('img')).toBeNull();
  });
});

describe('filters', () => {
  it('filters cookies by text and announces the count', async () => {
    const view = manyFindingsView();
    const { container } = await renderScenario(view);
    const all = groupCookies(view.audit).firstParty;
    const expected = all.filter((r) => matchesFilter(r, { text: 'csrf', severity: 'all' })).length;
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(all.length);
    const input = screen.getByRole('searchbox', { name: 'Filter cookies by text' });
    fireEvent.input(input, { target: { value: 'csrf' } });
    await screen.findByRole('heading', { name: `Cookies ${expected} of ${all.length}` });
    const cards = cookieCards(container);
    expect(cards.length).toBeGreaterThan(0);
    for (const c of cards) expect(c.textContent!.toLowerCase()).toContain('csrf');
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe(`${expected} cookies shown of ${all.length}`),
    );
    fireEvent.input(input, { target: { value: 'no-cookie-has-this' } });
    await screen.findByText('No cookie matches the filter.');
  });

  it('filters by rule id text', async () => {
    const { container } = await renderScenario(manyFindingsView());
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'identity-in-plain-cookie' } });
    await waitFor(() => {
      const names = cookieCards(container).map((c) => c.querySelector('.cookie-name')!.textContent);
      expect(names.length).toBeGreaterThan(0);
      expect(names.every((n) => n!.startsWith('user_id'))).toBe(true);
    });
  });

  it('filters by severity', async () => {
    const { container } = await renderScenario(manyFindingsView());
    const select = screen.getByRole('combobox', { name: 'Filter by severity' });
    fireEvent.change(select, { target: { value: 'high' } });
    await waitFor(() => {
      const cards = cookieCards(container);
      expect(cards.length).toBeGreaterThan(0);
      for (const c of cards) expect(c.querySelector('.card-head .sev')!.textContent).toBe('High');
    });
    fireEvent.change(select, { target: { value: 'medium' } });
    const view = manyFindingsView();
    const all = groupCookies(view.audit).firstParty;
    const mediumOrWorse = all.filter((r) => r.worst === 'high' || r.worst === 'medium');
    expect(mediumOrWorse.some((r) => r.worst === 'medium')).toBe(true);
    await screen.findByRole('heading', { name: `Cookies ${mediumOrWorse.length} of ${all.length}` });
    for (const c of cookieCards(container))
      expect(['High', 'Medium']).toContain(c.querySelector('.card-head .sev')!.textContent);
    // Site findings follow the severity filter too (the fixture's are low and info).
    expect(screen.queryByRole('list', { name: 'Site findings' })).toBeNull();
    expect(screen.getByText('No site finding matches the filter.')).toBeTruthy();
    fireEvent.change(select, { target: { value: 'info' } });
    const withFindings = all.filter((r) => r.worst !== null).length;
    await screen.findByRole('heading', { name: `Cookies ${withFindings} of ${all.length}` });
    expect(screen.getByRole('list', { name: 'Site findings' }).textContent).toContain(
      lessons['hsts-short'].title,
    );
  });
});

/**
 * happy-dom does no layout: give the list a position that follows window scrolling and rows a
 * height, as a browser would, so that scrolling and keyboard moves exercise the windowing.
 */
function simulateLayout(listTop = 300, rowHeight = 120) {
  const rect = (top: number, height: number) => new DOMRect(0, top, 400, height);
  return vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    if (this.classList.contains('vlist')) return rect(listTop - window.scrollY, 0);
    if (this.classList.contains('vrow')) return rect(0, rowHeight);
    return rect(0, 0);
  });
}

describe('10,000 cookies', () => {
  it('renders only a bounded window of rows and moves through them by keyboard', async () => {
    simulateLayout();
    window.scrollTo(0, 0);
    const view = makeTabView({ cookies: 10_000, framework: 'php' });
    const firstParty = view.audit!.cookies.filter((c) => !c.thirdParty).length;
    const { container } = render(<Popup data={view} actions={createMockActions(view)} now={FIXTURE_NOW} />);
    const list = screen.getByRole('list', { name: /^First-party cookies/ });
    const rows = () => Array.from(list.children) as HTMLElement[];
    await waitFor(() => expect(rows().length).toBeGreaterThan(3));
    expect(rows().length).toBeLessThan(40);
    expect(rows()[0].getAttribute('aria-setsize')).toBe(String(firstParty));
    expect(rows()[0].getAttribute('aria-posinset')).toBe('1');
    expect(container.querySelectorAll('.card').length).toBeLessThan(40);
    // The rest of the list is stood in for by padding, so the scroll height stays right.
    expect(Number.parseFloat(list.style.paddingBottom)).toBeGreaterThan(100_000);

    // Scrolling renders other rows and drops the first ones.
    window.scrollTo(0, 300 + 120 * 5000);
    fireEvent.scroll(document);
    await waitFor(() => expect(rows()[0].getAttribute('data-index')).not.toBe('0'));
    const middle = Number(rows()[0].getAttribute('data-index'));
    expect(middle).toBeGreaterThan(1000);
    expect(rows().length).toBeLessThan(40);

    // Keyboard: ArrowDown moves to the next row, Home and End to rows that are not rendered yet.
    const toggle = (row: HTMLElement) => row.querySelector<HTMLElement>('[data-row-focus]')!;
    const focusedIndex = () =>
      (document.activeElement as HTMLElement).closest('[data-index]')?.getAttribute('data-index');
    const start = rows()[3];
    toggle(start).focus();
    fireEvent.keyDown(toggle(start), { key: 'ArrowDown' });
    expect(focusedIndex()).toBe(String(Number(start.dataset.index) + 1));
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    await waitFor(() => expect(focusedIndex()).toBe(String(firstParty - 1)));
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    await waitFor(() => expect(focusedIndex()).toBe('0'));
    expect(container.querySelectorAll('.card').length).toBeLessThan(40);
  });

  it('keeps an expanded card expanded when it scrolls out and back in', async () => {
    simulateLayout();
    window.scrollTo(0, 0);
    const view = makeTabView({ cookies: 2_000 });
    render(<Popup data={view} actions={createMockActions(view)} now={FIXTURE_NOW} />);
    const list = screen.getByRole('list', { name: /^First-party cookies/ });
    const first = () => list.querySelector<HTMLElement>('[data-index="0"] [data-row-focus]');
    fireEvent.click(first()!);
    expect(first()!.getAttribute('aria-expanded')).toBe('true');
    window.scrollTo(0, 300 + 120 * 1000);
    fireEvent.scroll(document);
    await waitFor(() => expect(first()).toBeNull());
    window.scrollTo(0, 0);
    fireEvent.scroll(document);
    await waitFor(() => expect(first()).not.toBeNull());
    expect(first()!.getAttribute('aria-expanded')).toBe('true');
  });
});
