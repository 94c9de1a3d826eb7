/// <reference types="vite/client" />
/**
 * Renders the real DevTools panel (same CSS) on a mocked background holding N timeline entries and
 * records the time from render to the painted frame that shows them, in window.__renderMs.
 */
import { render } from 'preact';
import '../../src/ui/styles.css';
import '../../src/devtools/devtools.css';
import { DevtoolsPanel, PANEL_ENTRY_LIMIT } from '../../src/devtools/components/Panel.tsx';
import { createMockLive, makeTimeline } from '../../src/devtools/fixtures.ts';
import { makeTabView } from '../../src/ui/connect/fixtures.ts';
import { createMockActions } from '../../src/ui/connect/mock.ts';

const n = Number(new URLSearchParams(location.search).get('n') ?? 1000);
const view = makeTabView({ cookies: 40, findingsPerCookie: 2 });
const actions = createMockActions(view);
const live = createMockLive(view.tabId, makeTimeline(n));
const expected = Math.min(n, PANEL_ENTRY_LIMIT);
const root = document.getElementById('app')!;
// Marks for a trace: the bench reads the main thread's CPU time between them.
performance.mark('render-start');
const start = performance.now();
render(<DevtoolsPanel tabId={view.tabId} actions={actions} connect={live.connect} />, root);
const done = () =>
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      const w = window as unknown as { __renderMs: number; __shown: number };
      w.__renderMs = performance.now() - start;
      w.__shown = Number(document.querySelector<HTMLElement>('.timeline')?.dataset.entries ?? 0);
      performance.mark('render-end');
      document.title = 'rendered';
    }),
  );
const observer = new MutationObserver(() => {
  const section = document.querySelector<HTMLElement>('.timeline');
  if (Number(section?.dataset.entries ?? 0) >= expected && document.querySelector('.tl-list [data-kind]')) {
    (window as unknown as { __domMs: number }).__domMs = performance.now() - start;
    observer.disconnect();
    done();
  }
});
observer.observe(root, { childList: true, subtree: true });
