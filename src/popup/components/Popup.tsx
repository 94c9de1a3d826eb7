/**
 * The popup for one tab, top to bottom: site and grade, coverage, redirect check, site findings,
 * filters, cookies (session first, worst first), third-party cookies, link to the full report.
 */
import type { JSX } from 'preact';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { AcceptedRisk, AuditedCookie } from '../../core/index.ts';
import type { TabView } from '../../messages.ts';
import { EXTENSION_PAGES } from '../../pages.ts';
import { AcceptRiskProvider } from '../../ui/AcceptRisk.tsx';
import { CookieSections } from '../../ui/CookieSections.tsx';
import type { PopupActions } from '../../ui/connect/types.ts';
import { SiteOriginContext } from '../../ui/contexts.tsx';
import { ExpiredAcceptances } from '../../ui/ExpiredAcceptances.tsx';
import { ExportButtons, saveExport } from '../../ui/Export.tsx';
import { Filters } from '../../ui/Filters.tsx';
import { AnnounceContext, useLiveRegion } from '../../ui/hooks.tsx';
import {
  EMPTY_FILTER,
  type Filter,
  groupCookies,
  isGradable,
  matchesFilter,
  plural,
  primaryFramework,
  siteCounts,
} from '../../ui/model.ts';
import { SiteFindings } from '../../ui/SiteFindings.tsx';
import { SiteHeader } from '../../ui/SiteHeader.tsx';
import { CoverageLine } from './CoverageLine.tsx';
import { RedirectCheckPanel } from './RedirectCheckPanel.tsx';

export interface PopupProps {
  data: TabView;
  actions: PopupActions;
  /** Clock for expiry texts (tests pass a fixed one). */
  now?: number;
}

function notGradedReason(view: TabView): string | undefined {
  if (!view.coverage.hostAccess) return 'no access to this site';
  if (view.status === 'reload-to-audit') return 'reload the page to audit it';
  if (view.status === 'waiting') return 'nothing seen yet';
  if (!view.audit) return 'no audit yet';
  return undefined;
}

export function Popup({ data, actions, now }: PopupProps): JSX.Element {
  // The redirect check answers with a fresher view of the same tab; a new `data` from the parent wins.
  const [override, setOverride] = useState<{ from: TabView; view: TabView } | null>(null);
  const view = override && override.from === data ? override.view : data;
  const [filter, setFilter] = useState<Filter>(EMPTY_FILTER);
  const [region, announce] = useLiveRegion();
  const clock = now ?? Date.now();

  const groups = useMemo(() => groupCookies(view.audit), [view.audit]);
  const framework = primaryFramework(view.audit);
  const gradable = isGradable(view);
  const counts = view.audit ? siteCounts(view.audit) : null;

  const onFilter = (next: Filter) => {
    setFilter(next);
    const active = next.text.trim() !== '' || next.severity !== 'all';
    if (active) {
      const shown = groups.firstParty.filter((r) => matchesFilter(r, next)).length;
      announce(`${plural(shown, 'cookie')} shown of ${groups.firstParty.length}`);
    }
  };

  const checkRedirect = async () => {
    try {
      const next = await actions.checkRedirect(view.tabId);
      setOverride({ from: data, view: next });
      announce(next.redirectCheck ? 'Redirect check finished' : 'Redirect check gave no result');
    } catch (error) {
      announce(`Redirect check failed: ${(error as Error).message}`);
    }
  };

  const onReveal = useCallback(
    (cookie: AuditedCookie) =>
      actions.revealValue({
        tabId: view.tabId,
        name: cookie.name,
        domain: cookie.domain,
        path: cookie.path,
        hostOnly: cookie.hostOnly,
        partitioned: cookie.partitioned,
        ...(cookie.partitionKey ? { partitionKey: cookie.partitionKey } : {}),
      }),
    [actions, view.tabId],
  );

  // Accepting a risk saves the settings, which re-grades the tab: show the new grade at once.
  const acceptRisk = async (risk: AcceptedRisk) => {
    await actions.acceptRisk(risk);
    setOverride({ from: data, view: await actions.getTabView(view.tabId) });
  };

  const openReport = (event: MouseEvent) => {
    event.preventDefault();
    void actions.openReport();
  };

  if (view.status === 'non-web') {
    return (
      <AnnounceContext.Provider value={announce}>
        <main class="popup-main">
          {view.url ? (
            <>
              <h1 class="origin">Nothing to audit here</h1>
              <p>
                This is a browser or extension page ({view.url}). Open a web site (http:// or https://) to
                audit its cookies.
              </p>
            </>
          ) : (
            <>
              <h1 class="origin">Cookie Audit cannot see this page</h1>
              <p>
                It is a browser page, or a site Cookie Audit has no access to: nothing of it is observed or
                stored. Open the toolbar button on the site to audit it, or choose every site in the options.
              </p>
            </>
          )}
          <ReportLink onClick={openReport} actions={actions} tabId={view.tabId} />
          {region}
        </main>
      </AnnounceContext.Provider>
    );
  }

  return (
    <AnnounceContext.Provider value={announce}>
      <AcceptRiskProvider onAccept={view.audit ? acceptRisk : undefined} announce={announce}>
        <SiteOriginContext.Provider value={view.audit?.origin ?? null}>
          <main class="popup-main">
            <SiteHeader
              origin={view.origin}
              scheme={view.scheme}
              audit={view.audit}
              graded={gradable}
              notGradedReason={notGradedReason(view)}
              counts={counts}
            />
            <CoverageLine
              view={view}
              onReload={() => void actions.reloadTab(view.tabId)}
              onRequestAccess={actions.requestAccess?.bind(actions)}
            />
            <ExpiredAcceptances risks={view.audit?.expiredAcceptances} />
            <RedirectCheckPanel check={view.redirectCheck} disabled={!view.origin} onCheck={checkRedirect} />
            {view.audit ? (
              <>
                <SiteFindings findings={view.audit.findings} framework={framework} filter={filter} />
                {groups.total > 0 ? <Filters filter={filter} onChange={onFilter} /> : null}
                <CookieSections
                  groups={groups}
                  filter={filter}
                  framework={framework}
                  now={clock}
                  onReveal={view.coverage.hostAccess ? onReveal : undefined}
                />
              </>
            ) : null}
            {view.audit ? (
              <ExportButtons
                label="Export this site's report"
                announce={announce}
                onExport={async (format) =>
                  saveExport(await actions.exportReport(format, { tabId: view.tabId }))
                }
              />
            ) : null}
            <ReportLink onClick={openReport} actions={actions} tabId={view.tabId} />
            {region}
          </main>
        </SiteOriginContext.Provider>
      </AcceptRiskProvider>
    </AnnounceContext.Provider>
  );
}

function ReportLink({
  onClick,
  actions,
  tabId,
}: {
  onClick: (event: MouseEvent) => void;
  actions: PopupActions;
  tabId: number;
}): JSX.Element {
  const openSidePanel = () => {
    // In the click's turn: the browser opens a side panel only on a user gesture.
    actions.openSidePanel?.(tabId).then(
      () => window.close(),
      () => undefined,
    );
  };
  return (
    <footer class="popup-footer">
      <a href={`/${EXTENSION_PAGES.report}`} target="_blank" rel="noopener" onClick={onClick}>
        Open full report
      </a>
      <span class="muted"> · every site seen in this browser session</span>
      {actions.openSidePanel ? (
        <p>
          <button type="button" class="small" onClick={openSidePanel}>
            Open in side panel
          </button>
        </p>
      ) : null}
    </footer>
  );
}

/** Loads the tab's view through the actions and keeps it fresh while nothing has been seen yet. */
export function PopupApp({
  tabId,
  actions,
  now,
  pollMs = 1500,
}: {
  tabId: number | null;
  actions: PopupActions;
  now?: number;
  pollMs?: number;
}): JSX.Element {
  const [view, setView] = useState<TabView | null>(null);
  const [error, setError] = useState<string | null>(tabId === null ? 'No tab to audit.' : null);

  useEffect(() => {
    if (tabId === null) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const next = await actions.getTabView(tabId);
        if (cancelled) return;
        setView(next);
        setError(null);
        if (next.status === 'waiting') timer = setTimeout(load, pollMs);
      } catch (e) {
        if (!cancelled) setError((e as Error).message);
      }
    };
    void load();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [tabId, actions, pollMs]);

  if (error !== null) {
    return (
      <main class="popup-main">
        <h1 class="origin">Cookie Audit</h1>
        <p role="alert">Could not load the audit: {error}</p>
      </main>
    );
  }
  if (view === null) {
    return (
      <main class="popup-main" aria-busy="true">
        <h1 class="origin">Cookie Audit</h1>
        <p role="status">Loading the audit…</p>
      </main>
    );
  }
  return <Popup data={view} actions={actions} now={now} />;
}
