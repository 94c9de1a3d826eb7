/// <reference types="vite/client" />
/**
 * Renders the real popup component (same CSS) with N generated cookies and records the time of the
 * first render up to the next painted frame in window.__renderMs.
 */
import { render } from 'preact';
import '../../src/ui/styles.css';
import { Popup } from '../../src/popup/components/Popup.tsx';
import { makeTabView } from '../../src/ui/connect/fixtures.ts';
import { createMockActions } from '../../src/ui/connect/mock.ts';

const n = Number(new URLSearchParams(location.search).get('n') ?? 100);
const view = makeTabView({ cookies: n, findingsPerCookie: 2 });
const actions = createMockActions(view);
const root = document.getElementById('app')!;
const start = performance.now();
render(<Popup data={view} actions={actions} />, root);
requestAnimationFrame(() =>
  requestAnimationFrame(() => {
    (window as unknown as { __renderMs: number }).__renderMs = performance.now() - start;
    document.title = 'rendered';
  }),
);
