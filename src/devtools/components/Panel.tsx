/**
 * The DevTools panel "Cookies (audit)": the inspected tab's grade and coverage as in the popup, and
 * the live timeline of what happened to its cookies. Selecting a cookie shows its card (findings,
 * lesson, fix). Data comes from `actions` (tab view) and `connect` (the live port), both mockable.
 */
import type { JSX } from 'preact';
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AuditedCookie } from '../../core/index.ts';
import type { LiveMessage, TabView, TimelineEntry, TimelineSetCookie } from '../../messages.ts';
import { CoverageLine } from '../../popup/components/CoverageLine.tsx';
import { redirectVerdict } from '../../popup/components/RedirectCheckPanel.tsx';
import { CookieCard } from '../../ui/CookieCard.tsx';
import type { PopupActions } from '../../ui/connect/types.ts';
import { AnnounceContext, useLiveRegion } from '../../ui/hooks.tsx';
import {
  isGradable,
  plural,
  primaryFramework,
  rejectReasonText,
  SEVERITY_LABELS,
  type SeverityFilter,
  siteCounts,
  toRows,
} from '../../ui/model.ts';
import { SiteHeader } from '../../ui/SiteHeader.tsx';
import { VirtualList } from '../../ui/VirtualList.tsx';
import { follow, type LiveConnect } from '../live.ts';
import {
  boundEntries,
  clockTime,
  EMPTY_TIMELINE_FILTER,
  entryMatches,
  FRAME_LABELS,
  findingsByName,
  mergeEntries,
  rulesInAudit,
  type TimelineFilter,
  timelineFilterActive,
} from '../model.ts';

/** The background keeps this many per tab; the panel holds no more. */
export const PANEL_ENTRY_LIMIT = 1_000;

export interface PanelProps {
  tabId: number;
  actions: PopupActions;
  connect: LiveConnect;
  now?: number;
  /** Coalesces view refreshes after changes. */
  refreshMs?: number;
}

function CookieName({
  name,
  selected,
  onSelect,
}: {
  name: string;
  selected: boolean;
  onSelect: (name: string) => void;
}): JSX.Element {
  return (
    <button
      type="button"
      class={`tl-cookie${selected ? ' selected' : ''}`}
      aria-pressed={selected}
      onClick={() => onSelect(name)}
    >
      {name === '' ? '(nameless)' : name}
    </button>
  );
}

/**
 * A first guess of a row's height in pixels (measured once rendered), close to what a panel of
 * common width measures: the first render then creates about the rows that fit, not a third more
 * that the next render removes again. A Set-Cookie line with its verdict often wraps.
 */
function estimateEntryHeight(entry: TimelineEntry): number {
  return entry.kind === 'response' ? 34 + 34 * (entry.cookies.length + (entry.moreLines ? 1 : 0)) : 40;
}

function verdictText(line: TimelineSetCookie): string {
  if (line.verdict === 'rejected') return `rejected: ${line.reasons.map(rejectReasonText).join('; ')}`;
  if (line.verdict === 'deletes') return 'deletes the cookie';
  return 'stored';
}

function EntryView({
  entry,
  selected,
  onSelect,
}: {
  entry: TimelineEntry;
  selected: string | null;
  onSelect: (name: string) => void;
}): JSX.Element {
  const time = <time class="tl-time">{clockTime(entry.at)}</time>;
  switch (entry.kind) {
    case 'navigation':
      return (
        <div class="tl-entry tl-navigation" data-kind="navigation">
          {time} <span class="tl-kind">Navigated to</span> <span class="tl-url">{entry.url}</span>
        </div>
      );
    case 'response':
      return (
        <div class="tl-entry tl-response" data-kind="response">
          <div class="tl-head">
            {time} <span class="tl-method">{entry.method}</span> <span class="tl-url">{entry.url}</span>{' '}
            <span class={`tl-status${entry.status >= 400 ? ' bad' : ''}`}>{entry.status}</span>{' '}
            <span class="tl-frame muted">{FRAME_LABELS[entry.frame]}</span>
          </div>
          <ul class="tl-lines" aria-label="Set-Cookie lines">
            {entry.cookies.map((line, i) => (
              <li key={i} class={`tl-line verdict-${line.verdict}`} data-verdict={line.verdict}>
                <CookieName name={line.name} selected={selected === line.name} onSelect={onSelect} />{' '}
                <code class="tl-evidence">{line.evidence}</code>{' '}
                <span class="tl-verdict">{verdictText(line)}</span>
                {line.thirdParty ? <span class="muted"> · third-party</span> : null}
              </li>
            ))}
            {entry.moreLines ? <li class="muted">…and {plural(entry.moreLines, 'more line')}</li> : null}
          </ul>
        </div>
      );
    case 'script-cookie':
      return (
        <div class="tl-entry tl-script" data-kind="script-cookie">
          {time} <span class="tl-kind">Set by page script</span>{' '}
          <CookieName name={entry.name} selected={selected === entry.name} onSelect={onSelect} />{' '}
          <code class="tl-evidence">{entry.evidence}</code>
        </div>
      );
    case 'deletion':
      return (
        <div class="tl-entry tl-deletion" data-kind="deletion">
          {time} <span class="tl-kind">Deleted</span>{' '}
          <CookieName name={entry.name} selected={selected === entry.name} onSelect={onSelect} />{' '}
          <span class="muted">
            {entry.domain}
            {entry.path} · {entry.cause}
          </span>
        </div>
      );
    case 'login':
      return (
        <div class={`tl-entry tl-login rotated-${entry.rotated}`} data-kind="login">
          {time} <span class="tl-kind">Login</span> <span class="tl-url">{entry.url}</span>:{' '}
          {entry.rotated === 'yes' ? (
            <span class="tl-verdict ok">session id rotated ({entry.sessionNames.join(', ')})</span>
          ) : entry.rotated === 'no' ? (
            <span class="tl-verdict bad">
              session id NOT rotated:{' '}
              {entry.unchangedSessionNames.map((n) => (
                <CookieName key={n} name={n} selected={selected === n} onSelect={onSelect} />
              ))}{' '}
              kept its value
            </span>
          ) : (
            <span class="tl-verdict muted">no session cookie seen across the login</span>
          )}
        </div>
      );
    case 'redirect-check':
      return (
        <div class="tl-entry tl-redirect" data-kind="redirect-check">
          {time} <span class="tl-kind">Redirect check</span> {redirectVerdict(entry.check)}
        </div>
      );
  }
}

const SEVERITY_CHOICES: { value: SeverityFilter; label: string }[] = [
  { value: 'all', label: 'Any severity' },
  { value: 'high', label: `${SEVERITY_LABELS.high} only` },
  { value: 'medium', label: `${SEVERITY_LABELS.medium} or worse` },
  { value: 'low', label: `${SEVERITY_LABELS.low} or worse` },
  { value: 'info', label: 'Any finding' },
];

function TimelineFilters({
  filter,
  rules,
  onChange,
}: {
  filter: TimelineFilter;
  rules: string[];
  onChange: (f: TimelineFilter) => void;
}): JSX.Element {
  return (
    <search class="filters tl-filters">
      <label class="visually-hidden" for="tl-text">
        Filter the timeline by cookie name
      </label>
      <input
        id="tl-text"
        type="search"
        placeholder="Filter: cookie name, URL…"
        value={filter.text}
        onInput={(e) => onChange({ ...filter, text: (e.currentTarget as HTMLInputElement).value })}
      />
      <label class="visually-hidden" for="tl-rule">
        Filter by rule
      </label>
      <select
        id="tl-rule"
        value={filter.rule}
        onChange={(e) => onChange({ ...filter, rule: (e.currentTarget as HTMLSelectElement).value })}
      >
        <option value="">Any rule</option>
        {rules.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      <label class="visually-hidden" for="tl-severity">
        Filter by severity
      </label>
      <select
        id="tl-severity"
        value={filter.severity}
        onChange={(e) =>
          onChange({ ...filter, severity: (e.currentTarget as HTMLSelectElement).value as SeverityFilter })
        }
      >
        {SEVERITY_CHOICES.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </search>
  );
}

function SelectedCard({
  cookie,
  view,
  now,
  onReveal,
}: {
  cookie: AuditedCookie | undefined;
  view: TabView | null;
  now: number;
  onReveal?: (cookie: AuditedCookie) => Promise<string | null>;
}): JSX.Element {
  if (!cookie) {
    return (
      <p class="empty">Select a cookie name in the timeline to see its findings, the lesson and the fix.</p>
    );
  }
  const [row] = toRows([cookie]);
  return (
    <CookieCard
      row={row}
      framework={primaryFramework(view?.audit ?? null)}
      expanded
      onToggle={() => undefined}
      onReveal={onReveal}
      now={now}
    />
  );
}

export function DevtoolsPanel({ tabId, actions, connect, now, refreshMs = 250 }: PanelProps): JSX.Element {
  const [entries, setEntries] = useState<TimelineEntry[]>([]);
  const [dropped, setDropped] = useState(0);
  const [view, setView] = useState<TabView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState<TimelineFilter>(EMPTY_TIMELINE_FILTER);
  const [selected, setSelected] = useState<string | null>(null);
  const [reconnects, setReconnects] = useState(0);
  /** False until the background's first answer: an empty timeline is only "nothing yet" after it. */
  const [received, setReceived] = useState(false);
  const [region, announce] = useLiveRegion();
  const lastSeq = useRef(0);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const loadView = useCallback(async () => {
    try {
      setView(await actions.getTabView(tabId));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [actions, tabId]);

  const scheduleRefresh = useCallback(() => {
    if (refreshTimer.current !== undefined) return;
    refreshTimer.current = setTimeout(() => {
      refreshTimer.current = undefined;
      void loadView();
    }, refreshMs);
  }, [loadView, refreshMs]);

  // Before the first paint, not after it (useEffect waits for a frame): the port and the view are
  // asked for one frame earlier, and the first painted frame can already hold the timeline.
  useLayoutEffect(() => {
    void loadView();
    const onMessage = (m: LiveMessage) => {
      if (m.tabId !== tabId) return;
      if (m.type === 'changed') {
        scheduleRefresh();
        return;
      }
      setDropped(m.dropped);
      setReceived(true);
      setEntries((held) => {
        const base = m.reset ? [] : held;
        const next = boundEntries(mergeEntries(base, m.entries), PANEL_ENTRY_LIMIT);
        lastSeq.current = next.length > 0 ? next[next.length - 1].seq : 0;
        return next;
      });
      if (m.entries.length > 0) scheduleRefresh();
    };
    const stop = follow(
      connect,
      tabId,
      () => lastSeq.current,
      onMessage,
      () => setReconnects((n) => n + 1),
    );
    return () => {
      stop();
      clearTimeout(refreshTimer.current);
    };
  }, [tabId, connect, loadView, scheduleRefresh]);

  const audit = view?.audit ?? null;
  const cookies = useMemo(() => findingsByName(audit), [audit]);
  const rules = useMemo(() => rulesInAudit(audit), [audit]);
  // Without a filter the list is the entries themselves: no pass over them, and the list keeps its
  // row offsets when the audit arrives or changes.
  const filtering = timelineFilterActive(filter);
  const shown = useMemo(
    () => (filtering ? entries.filter((e) => entryMatches(e, filter, cookies, audit)) : entries),
    [filtering, entries, filter, cookies, audit],
  );
  const onSelect = useCallback(
    (name: string) => {
      setSelected((s) => (s === name ? null : name));
      announce(`Showing cookie ${name}`);
    },
    [announce],
  );
  const onReveal = useCallback(
    (c: AuditedCookie) => actions.revealValue({ tabId, name: c.name, domain: c.domain, path: c.path }),
    [actions, tabId],
  );
  const clock = now ?? Date.now();

  return (
    <AnnounceContext.Provider value={announce}>
      <main class="popup-main devtools-main">
        {view ? (
          <>
            <SiteHeader
              origin={view.origin}
              scheme={view.scheme}
              audit={audit}
              graded={isGradable(view)}
              notGradedReason={view.coverage.hostAccess ? undefined : 'no access to this site'}
              counts={audit ? siteCounts(audit) : null}
            />
            <CoverageLine
              view={view}
              onReload={() => void actions.reloadTab(tabId)}
              onRequestAccess={actions.requestAccess?.bind(actions)}
            />
          </>
        ) : error ? (
          <p role="alert">Could not load the audit: {error}</p>
        ) : (
          <p role="status">Loading the audit…</p>
        )}
        <div class="devtools-body">
          <section class="timeline" aria-labelledby="tl-h" data-entries={entries.length}>
            <h2 id="tl-h" class="section-title">
              Timeline{' '}
              <span class="count">
                {shown.length === entries.length ? entries.length : `${shown.length} of ${entries.length}`}
              </span>
            </h2>
            <TimelineFilters filter={filter} rules={rules} onChange={setFilter} />
            {dropped > 0 ? (
              <p class="tl-notice" role="status">
                {plural(dropped, 'older entry', 'older entries')} dropped: the timeline keeps the last{' '}
                {PANEL_ENTRY_LIMIT.toLocaleString('en')}.
              </p>
            ) : null}
            {reconnects > 0 ? (
              <p class="tl-reconnected muted" data-reconnects={reconnects}>
                Reconnected to the background {plural(reconnects, 'time')}; nothing was lost.
              </p>
            ) : null}
            {!received ? (
              <p class="empty" role="status">
                Loading the timeline…
              </p>
            ) : entries.length === 0 ? (
              <p class="empty">
                Nothing yet: reload the page or use it, and cookies appear here as they happen.
              </p>
            ) : (
              <VirtualList
                class="tl-list"
                label="What happened to cookies, oldest first"
                items={shown}
                getKey={(e) => String(e.seq)}
                estimateHeight={estimateEntryHeight}
                renderItem={(e) => <EntryView entry={e} selected={selected} onSelect={onSelect} />}
              />
            )}
          </section>
          <aside class="tl-card" aria-label="Selected cookie">
            <SelectedCard
              cookie={selected === null ? undefined : cookies.get(selected)}
              view={view}
              now={clock}
              onReveal={view?.coverage.hostAccess ? onReveal : undefined}
            />
          </aside>
        </div>
        {region}
      </main>
    </AnnounceContext.Provider>
  );
}
