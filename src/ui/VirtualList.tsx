/**
 * A small windowed list: only the rows in the viewport (plus an overscan margin) exist in the DOM;
 * the rest of the list is stood in for by padding. Row heights start as estimates and are replaced by
 * measured heights once rendered, so rows may change height (an expanded cookie card) without
 * breaking the layout. The viewport is the browser window (the popup and the report page scroll their
 * document), which also lets several lists share one scroll.
 *
 * Keyboard: ArrowUp/ArrowDown/Home/End on a row's `[data-row-focus]` element move focus between
 * rows, scrolling rows that are not rendered yet into existence first.
 */
import type { ComponentChildren, JSX } from 'preact';
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';

export interface VirtualListProps<T> {
  items: readonly T[];
  getKey: (item: T) => string;
  estimateHeight: (item: T) => number;
  renderItem: (item: T, index: number) => ComponentChildren;
  /** Accessible name of the list. */
  label: string;
  /** Extra pixels rendered above and below the viewport. */
  overscanPx?: number;
  class?: string;
}

/** Viewport height when the window reports none (no layout engine, e.g. in unit tests). */
const FALLBACK_VIEWPORT = 600;

interface Viewport {
  /** Distance from the top of the list to the top of the viewport (negative: list starts lower). */
  top: number;
  height: number;
}

function readViewport(list: HTMLElement | null): Viewport {
  const height = window.innerHeight > 0 ? window.innerHeight : FALLBACK_VIEWPORT;
  if (!list) return { top: 0, height };
  return { top: -list.getBoundingClientRect().top, height };
}

/** First index i with offsets[i + 1] > y (the row containing y). */
function rowAt(offsets: Float64Array, count: number, y: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (offsets[mid + 1] > y) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function VirtualList<T>(props: VirtualListProps<T>): JSX.Element {
  const { items, getKey, estimateHeight, renderItem, label, overscanPx = 480 } = props;
  const listRef = useRef<HTMLUListElement>(null);
  const measured = useRef(new Map<string, number>());
  const pendingFocus = useRef<number | null>(null);
  /** The list's height once a render's rows were all measured (-1: not yet). */
  const measuredListHeight = useRef(-1);
  const [version, setVersion] = useState(0);
  const [viewport, setViewport] = useState<Viewport>(() => readViewport(null));

  const offsets = useMemo(() => {
    const o = new Float64Array(items.length + 1);
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      o[i + 1] = o[i] + (measured.current.get(getKey(item)) ?? estimateHeight(item));
    }
    return o;
    // version: recompute when a measured height changed
  }, [items, version, getKey, estimateHeight]);

  const count = items.length;
  const total = offsets[count];
  const start = count === 0 ? 0 : rowAt(offsets, count, Math.max(0, viewport.top - overscanPx));
  const end =
    count === 0 ? 0 : Math.min(count, rowAt(offsets, count, viewport.top + viewport.height + overscanPx) + 1);

  // Follow scrolling and resizing of the window or any scrolling ancestor.
  useLayoutEffect(() => {
    let frame = 0;
    const update = () => {
      frame = 0;
      const next = readViewport(listRef.current);
      setViewport((prev) => (Math.abs(prev.top - next.top) < 1 && prev.height === next.height ? prev : next));
    };
    const schedule = () => {
      if (frame === 0) frame = requestAnimationFrame(update);
    };
    update();
    document.addEventListener('scroll', schedule, { capture: true, passive: true });
    window.addEventListener('resize', schedule);
    let observer: ResizeObserver | undefined;
    if (typeof ResizeObserver !== 'undefined' && listRef.current) {
      // A row that grows (a card expanded, a tab switched) resizes the list: measure again. Not
      // for a size the last render already measured (the observer's first call, a render's own).
      observer = new ResizeObserver(() => {
        const height = listRef.current?.getBoundingClientRect().height ?? -1;
        if (Math.abs(height - measuredListHeight.current) > 0.5) setVersion((v) => v + 1);
      });
      observer.observe(listRef.current);
    }
    return () => {
      if (frame !== 0) cancelAnimationFrame(frame);
      document.removeEventListener('scroll', schedule, { capture: true });
      window.removeEventListener('resize', schedule);
      observer?.disconnect();
    };
  }, []);

  // After each render: measure the rendered rows, re-read the viewport, honour a pending focus move.
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list) return;
    let changed = false;
    for (const child of Array.from(list.children) as HTMLElement[]) {
      const key = child.dataset.key;
      if (key === undefined) continue;
      const h = child.getBoundingClientRect().height;
      if (h > 0 && Math.abs((measured.current.get(key) ?? -1) - h) > 0.5) {
        measured.current.set(key, h);
        changed = true;
      }
    }
    if (changed) setVersion((v) => v + 1);
    else measuredListHeight.current = list.getBoundingClientRect().height;
    const next = readViewport(list);
    if (Math.abs(next.top - viewport.top) >= 1 || next.height !== viewport.height) setViewport(next);
    if (pendingFocus.current !== null) {
      const target = list.querySelector<HTMLElement>(
        `[data-index="${pendingFocus.current}"] [data-row-focus]`,
      );
      if (target) {
        pendingFocus.current = null;
        target.focus();
      }
    }
  });

  const moveFocus = (from: number, to: number) => {
    const list = listRef.current;
    if (!list || to === from || to < 0 || to >= count) return;
    const target = list.querySelector<HTMLElement>(`[data-index="${to}"] [data-row-focus]`);
    if (target) {
      target.focus();
      return;
    }
    // Not rendered yet: scroll its position into view, render, then focus (see the effect above).
    pendingFocus.current = to;
    const listTop = list.getBoundingClientRect().top + window.scrollY;
    window.scrollTo({ top: listTop + offsets[to] - 8 });
    setViewport((prev) => ({ ...prev, top: offsets[to] - 8 }));
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const el = event.target as HTMLElement | null;
    if (!el?.hasAttribute('data-row-focus')) return;
    const row = el.closest<HTMLElement>('[data-index]');
    if (!row) return;
    const index = Number(row.dataset.index);
    let to: number | null = null;
    if (event.key === 'ArrowDown') to = index + 1;
    else if (event.key === 'ArrowUp') to = index - 1;
    else if (event.key === 'Home') to = 0;
    else if (event.key === 'End') to = count - 1;
    if (to === null) return;
    event.preventDefault();
    moveFocus(index, Math.max(0, Math.min(count - 1, to)));
  };

  const rows: JSX.Element[] = [];
  for (let i = start; i < end; i++) {
    const item = items[i];
    const key = getKey(item);
    rows.push(
      <li key={key} data-key={key} data-index={i} aria-setsize={count} aria-posinset={i + 1} class="vrow">
        {renderItem(item, i)}
      </li>,
    );
  }

  return (
    <ul
      ref={listRef}
      aria-label={label}
      class={props.class ? `vlist ${props.class}` : 'vlist'}
      style={{ paddingTop: `${offsets[start]}px`, paddingBottom: `${Math.max(0, total - offsets[end])}px` }}
      onKeyDown={onKeyDown}
    >
      {rows}
    </ul>
  );
}
