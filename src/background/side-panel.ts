/**
 * The side panel: Chrome's sidePanel (one panel per window, showing that window's active tab) opened
 * by the keyboard shortcut; Firefox's sidebar has its own built-in command (_execute_sidebar_action).
 */
import { browser, IS_FIREFOX } from '../platform/browser.ts';

/** Command name in manifest.json's `commands` (Chrome build). */
export const SIDE_PANEL_COMMAND = 'open-side-panel';

interface ChromeSidePanel {
  open(options: { windowId: number }): Promise<void>;
}

export function sidePanelApi(): ChromeSidePanel | undefined {
  return (globalThis as unknown as { chrome?: { sidePanel?: ChromeSidePanel } }).chrome?.sidePanel;
}

export function openSidePanelFromCommand(): void {
  if (IS_FIREFOX || !browser.commands?.onCommand) return;
  browser.commands.onCommand.addListener((command, tab) => {
    if (command !== SIDE_PANEL_COMMAND) return;
    const windowId = tab?.windowId;
    // open() must run in the command's own turn (it counts as the user's gesture): no await before it.
    if (windowId !== undefined) void sidePanelApi()?.open({ windowId });
  });
}
