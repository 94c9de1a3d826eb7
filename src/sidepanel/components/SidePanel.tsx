/**
 * The side panel (Chrome) / sidebar (Firefox): the popup's view of the window's active tab, kept
 * open beside the page. It follows tab switches and navigations, and the audit as it changes (the
 * live port's "changed" nudges), without polling.
 */
import type { JSX } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { follow, type LiveConnect } from '../../devtools/live.ts';
import type { LiveMessage, TabView } from '../../messages.ts';
import { Popup } from '../../popup/components/Popup.tsx';
import type { PopupActions } from '../../ui/connect/types.ts';

/** Where the active tab comes from; the real one listens to tabs.onActivated / onUpdated. */
export interface TabSource {
  /** Calls back with the active tab now, then on every switch or navigation; returns a stop function. */
  watch(onTab: (tabId: number | null) => void): () => void;
}

export function SidePanelApp({
  tabs,
  actions,
  connect,
  refreshMs = 200,
}: {
  tabs: TabSource;
  actions: PopupActions;
  connect: LiveConnect;
  refreshMs?: number;
}): JSX.Element {
  const [current, setCurrent] = useState<{ tabId: number | null; turn: number }>({ tabId: null, turn: 0 });
  const [view, setView] = useState<TabView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // Inside the side panel there is no "open in side panel" (methods stay on the prototype).
  const inPanel = useMemo(
    () => Object.assign(Object.create(actions) as PopupActions, { openSidePanel: undefined }),
    [actions],
  );

  useEffect(() => tabs.watch((tabId) => setCurrent((c) => ({ tabId, turn: c.turn + 1 }))), [tabs]);

  const load = useCallback(
    async (id: number) => {
      try {
        const next = await actions.getTabView(id);
        setView(next);
        setError(null);
      } catch (e) {
        setError((e as Error).message);
      }
    },
    [actions],
  );

  const { tabId, turn } = current;
  // Load on every switch or navigation (turn), then follow the tab's changes on the live port.
  useEffect(() => {
    if (tabId === null || turn < 0) return;
    void load(tabId);
    const onMessage = (m: LiveMessage) => {
      if (m.tabId !== tabId || m.type !== 'changed' || timer.current !== undefined) return;
      timer.current = setTimeout(() => {
        timer.current = undefined;
        void load(tabId);
      }, refreshMs);
    };
    const stop = follow(connect, tabId, () => 0, onMessage, undefined, 250, false);
    return () => {
      stop();
      clearTimeout(timer.current);
      timer.current = undefined;
    };
  }, [tabId, turn, connect, load, refreshMs]);

  if (tabId === null) {
    return (
      <main class="popup-main">
        <h1 class="origin">Cookie Audit</h1>
        <p>No tab in this window.</p>
      </main>
    );
  }
  if (error !== null) {
    return (
      <main class="popup-main">
        <h1 class="origin">Cookie Audit</h1>
        <p role="alert">Could not load the audit: {error}</p>
      </main>
    );
  }
  if (!view || view.tabId !== tabId) {
    return (
      <main class="popup-main" aria-busy="true">
        <h1 class="origin">Cookie Audit</h1>
        <p role="status">Loading the audit…</p>
      </main>
    );
  }
  return <Popup data={view} actions={inPanel} />;
}
