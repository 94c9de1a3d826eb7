/**
 * Paints each tab's badge (grade, colour, title) and batches repaints: at most one round every
 * 150 ms (longer after a slow round), so a busy page does not re-audit on every response, and an
 * unchanged badge costs no browser call.
 */
import { badgeShowsGrade } from '../core/index.ts';
import { browser } from '../platform/browser.ts';
import type { Auditor } from './auditor.ts';
import { badgeColor, WAITING_BADGE } from './badge.ts';
import type { Recorder } from './recorder.ts';
import { settings } from './settings.ts';

const badgeTabs = new Set<number>();
let badgeTimer: ReturnType<typeof setTimeout> | undefined;
let lastBadgeMs = 0;

/** Repaints these tabs' badges in the next round. */
export function scheduleBadges(tabs: number[], recorder: Recorder, auditor: Auditor): void {
  for (const tabId of tabs) badgeTabs.add(tabId);
  if (badgeTimer !== undefined) return;
  badgeTimer = setTimeout(
    () => {
      badgeTimer = undefined;
      const batch = [...badgeTabs];
      badgeTabs.clear();
      const started = performance.now();
      void Promise.all(batch.map((tabId) => paintBadge(tabId, recorder, auditor))).finally(() => {
        lastBadgeMs = performance.now() - started;
      });
    },
    Math.min(150 + lastBadgeMs * 4, 3_000),
  );
}

/** What each tab's badge shows now, so unchanged badges cost no call (a busy page repaints often). */
const painted = new Map<number, string>();

/** The tab closed: its badge is gone with it. */
export function forgetBadge(tabId: number): void {
  painted.delete(tabId);
}

/** Paints one tab's badge now; `force` repaints even when it looks unchanged (after a navigation). */
export async function paintBadge(
  tabId: number,
  recorder: Recorder,
  auditor: Auditor,
  force = false,
): Promise<void> {
  const tab = recorder.tab(tabId);
  let text = '';
  let color: string | null = null;
  let title: string | null = null;
  if (tab?.origin) {
    const audit = auditor.auditForTab(tabId);
    if (!audit || !tab.documentObserved) {
      text = settings.current.badge.mode === 'off' ? '' : WAITING_BADGE.text;
      color = WAITING_BADGE.color;
    } else {
      // Badge settings: always the grade, only below a grade, or never.
      text = badgeShowsGrade(settings.current.badge, audit.grade) ? audit.grade : '';
      color = badgeColor(audit.grade);
      title = `Cookie Audit: grade ${audit.grade} (${audit.score}) for ${audit.origin}`;
    }
  }
  const signature = `${text}|${color}|${title}`;
  if (!force && painted.get(tabId) === signature) return;
  painted.set(tabId, signature);
  try {
    await browser.action.setBadgeText({ tabId, text });
    if (color) await browser.action.setBadgeBackgroundColor({ tabId, color });
    if (title) await browser.action.setTitle({ tabId, title });
  } catch {
    // The tab closed meanwhile: nothing to paint.
    painted.delete(tabId);
  }
}
