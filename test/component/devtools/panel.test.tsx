/** The DevTools panel, the side panel and the access pieces on a mocked background. */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { SiteAccessSection, WelcomePage } from '../../../src/access/components/Access.tsx';
import type { AccessActions, AccessState } from '../../../src/access/types.ts';
import { DevtoolsPanel, PANEL_ENTRY_LIMIT } from '../../../src/devtools/components/Panel.tsx';
import { createMockLive, makeTimeline } from '../../../src/devtools/fixtures.ts';
import type { TabView, TimelineEntry } from '../../../src/messages.ts';
import { Popup } from '../../../src/popup/components/Popup.tsx';
import { SidePanelApp, type TabSource } from '../../../src/sidepanel/components/SidePanel.tsx';
import { FIXTURE_NOW, manyFindingsView, noHostAccessView } from '../../../src/ui/connect/fixtures.ts';
import { createMockActions } from '../../../src/ui/connect/mock.ts';

afterEach(() => cleanup());

const view = manyFindingsView(7);
const firstCookie = view.audit!.cookies.find((c) => !c.thirdParty && c.findings.length > 0)!;

function entries(): TimelineEntry[] {
  return [
    { seq: 1, at: FIXTURE_NOW, kind: 'navigation', url: 'https://shop.example/' },
    {
      seq: 2,
      at: FIXTURE_NOW,
      kind: 'response',
      method: 'GET',
      url: 'https://shop.example/',
      status: 200,
      frame: 'main',
      resourceType: 'main_frame',
      cookies: [
        {
          name: firstCookie.name,
          evidence: `Set-Cookie: ${firstCookie.name}=…; Path=/`,
          verdict: 'stored',
          reasons: [],
          thirdParty: false,
        },
        {
          name: 'tracker',
          evidence: 'Set-Cookie: tracker=…; SameSite=None',
          verdict: 'rejected',
          reasons: ['samesite-none-insecure'],
          thirdParty: false,
        },
      ],
    },
    {
      seq: 3,
      at: FIXTURE_NOW,
      kind: 'script-cookie',
      name: 'ui_theme',
      domain: 'shop.example',
      path: '/',
      evidence: 'cookie jar: ui_theme=…; Path=/',
    },
    {
      seq: 4,
      at: FIXTURE_NOW,
      kind: 'login',
      url: 'https://shop.example/login',
      rotated: 'no',
      sessionNames: [firstCookie.name],
      unchangedSessionNames: [firstCookie.name],
    },
  ];
}

function kinds(container: ParentNode): string[] {
  return Array.from(container.querySelectorAll<HTMLElement>('.tl-list [data-kind]')).map(
    (e) => e.dataset.kind!,
  );
}

describe('DevTools panel', () => {
  it('shows the timeline in order with verdicts, and a cookie card on selection', async () => {
    const live = createMockLive(7, entries());
    const { container } = render(
      <DevtoolsPanel tabId={7} actions={createMockActions(view)} connect={live.connect} now={FIXTURE_NOW} />,
    );
    await waitFor(() =>
      expect(kinds(container)).toEqual(['navigation', 'response', 'script-cookie', 'login']),
    );
    expect(live.requests[0]).toEqual({ type: 'subscribe', tabId: 7, afterSeq: 0 });
    const rejected = container.querySelector('[data-verdict=rejected]')!;
    expect(rejected.textContent).toContain('rejected: SameSite=None without Secure');
    expect(container.querySelector('[data-kind=login]')!.textContent).toContain('NOT rotated');
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 })).toBeTruthy());
    fireEvent.click(
      within(container.querySelector<HTMLElement>('[data-kind=response]')!).getByRole('button', {
        name: firstCookie.name,
      }),
    );
    const card = container.querySelector('.tl-card .card')!;
    expect(card.textContent).toContain(firstCookie.findings[0].message.slice(0, 20));
  });

  it('says it is loading until the background answers, and "nothing yet" only for an empty answer', async () => {
    let answer: (() => void) | undefined;
    const empty = createMockLive(7, []);
    // A port whose answer comes when the test says so (a worker still waking up).
    const slow: typeof empty.connect = (onMessage, onDisconnect) => {
      const inner = empty.connect(onMessage, onDisconnect);
      return {
        send: (request) => {
          answer = () => inner.send(request);
        },
        close: () => inner.close(),
      };
    };
    const { container } = render(
      <DevtoolsPanel tabId={7} actions={createMockActions(view)} connect={slow} />,
    );
    expect(container.querySelector('.timeline')!.textContent).toContain('Loading the timeline');
    expect(container.textContent).not.toContain('Nothing yet');
    await waitFor(() => expect(answer).toBeDefined());
    answer!();
    await waitFor(() => expect(container.textContent).toContain('Nothing yet'));
    expect(container.textContent).not.toContain('Loading the timeline');
  });

  it('filters by name, rule and severity; navigations stay as separators', async () => {
    const live = createMockLive(7, entries());
    const { container } = render(
      <DevtoolsPanel tabId={7} actions={createMockActions(view)} connect={live.connect} />,
    );
    await waitFor(() => expect(kinds(container)).toHaveLength(4));
    await waitFor(() => expect(container.querySelectorAll('#tl-rule option').length).toBeGreaterThan(1));
    fireEvent.input(screen.getByLabelText('Filter the timeline by cookie name'), {
      target: { value: 'ui_th' },
    });
    await waitFor(() => expect(kinds(container)).toEqual(['navigation', 'script-cookie']));
    fireEvent.input(screen.getByLabelText('Filter the timeline by cookie name'), { target: { value: '' } });
    const rule = firstCookie.findings[0].rule;
    fireEvent.change(screen.getByLabelText('Filter by rule'), { target: { value: rule } });
    await waitFor(() => expect(kinds(container)).toContain('response'));
    expect(kinds(container)).not.toContain('script-cookie');
    fireEvent.change(screen.getByLabelText('Filter by rule'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Filter by severity'), { target: { value: 'high' } });
    await waitFor(() => expect(kinds(container)).not.toContain('script-cookie'));
  });

  it('updates live, reconnects after a dropped port asking only for newer entries, and never repeats one', async () => {
    const live = createMockLive(7, entries().slice(0, 2));
    const { container } = render(
      <DevtoolsPanel tabId={7} actions={createMockActions(view)} connect={live.connect} />,
    );
    await waitFor(() => expect(kinds(container)).toHaveLength(2));
    live.push(entries().slice(2, 3));
    await waitFor(() => expect(kinds(container)).toHaveLength(3));
    live.dropAll();
    live.push(entries().slice(3));
    await waitFor(() => expect(container.querySelector('.tl-reconnected')).toBeTruthy());
    await waitFor(() =>
      expect(kinds(container)).toEqual(['navigation', 'response', 'script-cookie', 'login']),
    );
    expect(live.requests.at(-1)).toEqual({ type: 'subscribe', tabId: 7, afterSeq: 3 });
    // A repeat of entries already held adds nothing.
    live.push(entries().slice(1, 3));
    await new Promise((r) => setTimeout(r, 50));
    expect(kinds(container)).toHaveLength(4);
  });

  it('says how many old entries were dropped and holds no more than the bound', async () => {
    const many = makeTimeline(PANEL_ENTRY_LIMIT + 500).slice(500);
    const live = createMockLive(7, many, 500);
    const { container } = render(
      <DevtoolsPanel tabId={7} actions={createMockActions(view)} connect={live.connect} />,
    );
    await waitFor(() =>
      expect(container.querySelector('.timeline')!.getAttribute('data-entries')).toBe(
        String(PANEL_ENTRY_LIMIT),
      ),
    );
    expect(screen.getByText(/500 older entries dropped/)).toBeTruthy();
    live.push(makeTimeline(PANEL_ENTRY_LIMIT + 510).slice(PANEL_ENTRY_LIMIT + 500), 510);
    await waitFor(() => expect(screen.getByText(/510 older entries dropped/)).toBeTruthy());
    expect(container.querySelector('.timeline')!.getAttribute('data-entries')).toBe(
      String(PANEL_ENTRY_LIMIT),
    );
  });
});

describe('side panel', () => {
  it('follows the active tab and reloads on a change nudge', async () => {
    let setTab: (id: number | null) => void = () => undefined;
    const tabs: TabSource = {
      watch(onTab) {
        setTab = onTab;
        onTab(7);
        return () => undefined;
      },
    };
    const views: Record<number, TabView> = { 7: manyFindingsView(7), 8: noHostAccessView(8) };
    const actions = createMockActions(views[7]);
    actions.getTabView = async (id) => {
      actions.calls.push({ action: 'getTabView', arg: id });
      return views[id];
    };
    const live = createMockLive(8);
    render(<SidePanelApp tabs={tabs} actions={actions} connect={live.connect} refreshMs={1} />);
    await screen.findByRole('heading', { level: 1, name: views[7].origin! });
    expect(screen.queryByRole('button', { name: 'Open in side panel' })).toBeNull();
    setTab(8);
    await screen.findByText('No access to this site.');
    const before = actions.calls.filter((c) => c.arg === 8).length;
    live.nudge(8);
    await waitFor(() => expect(actions.calls.filter((c) => c.arg === 8).length).toBe(before + 1));
    expect(live.requests.at(-1)).toEqual({ type: 'subscribe', tabId: 8, afterSeq: 0, entries: false });
  });
});

describe('access', () => {
  it('popup on a site without access offers "Audit this site", then a reload', async () => {
    const actions = createMockActions('no-host-access');
    render(<Popup data={noHostAccessView(3)} actions={actions} now={FIXTURE_NOW} />);
    fireEvent.click(screen.getByRole('button', { name: 'Audit this site' }));
    await screen.findByText('Access granted.');
    expect(actions.calls.find((c) => c.action === 'requestAccess')?.arg).toBe(noHostAccessView(3).origin);
    fireEvent.click(screen.getByRole('button', { name: 'Reload page' }));
    expect(actions.calls.at(-1)).toEqual({ action: 'reloadTab', arg: 3 });
  });

  it('popup offers the side panel', async () => {
    const actions = createMockActions(view);
    render(<Popup data={view} actions={actions} now={FIXTURE_NOW} />);
    fireEvent.click(screen.getByRole('button', { name: 'Open in side panel' }));
    expect(actions.calls.at(-1)).toEqual({ action: 'openSidePanel', arg: 7 });
  });

  function accessActions(initial: AccessState): AccessActions & { state: AccessState; log: string[] } {
    const a = {
      state: initial,
      log: [] as string[],
      async getAccess() {
        return a.state;
      },
      async chooseEverySite() {
        a.log.push('every');
        a.state = { ...a.state, choice: 'all', everySite: true };
        return true;
      },
      async chooseSitesOnly() {
        a.log.push('chosen');
        a.state = { ...a.state, choice: 'chosen', everySite: false };
      },
      async requestSite(origin: string) {
        a.log.push(`site ${origin}`);
        return true;
      },
      async removeSite(pattern: string) {
        a.log.push(`remove ${pattern}`);
        a.state = { ...a.state, sites: a.state.sites.filter((s) => s !== pattern) };
      },
    };
    return a;
  }

  it('first-run page: each choice is one click', async () => {
    const actions = accessActions({ choice: null, everySite: false, sites: [] });
    render(<WelcomePage actions={actions} />);
    fireEvent.click(await screen.findByRole('button', { name: /Audit every site/ }));
    await screen.findByText('Every site will be audited.');
    fireEvent.click(screen.getByRole('button', { name: /Only sites I choose/ }));
    await screen.findByText(/Only the sites you choose will be audited/);
    expect(actions.log).toEqual(['every', 'chosen']);
  });

  it('options: lists the sites with access and removes one', async () => {
    const actions = accessActions({
      choice: 'chosen',
      everySite: false,
      sites: ['https://a.test/*', 'http://b.test/*'],
    });
    render(<SiteAccessSection actions={actions} />);
    const list = await screen.findByRole('list', { name: 'Sites with access' });
    expect(list.textContent).toContain('https://a.test/*');
    fireEvent.click(within(list).getAllByRole('button', { name: 'Remove' })[0]);
    await waitFor(() =>
      expect(screen.getByRole('list', { name: 'Sites with access' }).textContent).not.toContain('a.test'),
    );
    expect(actions.log).toEqual(['remove https://a.test/*']);
  });
});
