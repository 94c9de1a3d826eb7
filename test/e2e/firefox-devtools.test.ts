/**
 * The "Cookies (audit)" panel inside Firefox's real DevTools toolbox, and the sidebar opened by its
 * keyboard shortcut. Over WebDriver BiDi with system
 * access (the launch's --remote-allow-system-access) the test runs code in the browser window's
 * chrome scope: it opens the toolbox for the tab (gDevTools, as F12 does), selects the panel that
 * the extension's devtools_page added, and reads the panel's document through the DevTools
 * protocol (the Browser Toolbox's commands), because BiDi itself cannot target a browser embedded
 * in the toolbox or the sidebar (its navigables are tabs only).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTrackedFirefoxPage } from '../../src/cli/firefox.ts';
import { eventually, type FirefoxEnv, startFirefoxEnv } from './harness.ts';

let env: FirefoxEnv;

beforeAll(async () => {
  env = await startFirefoxEnv();
});

afterAll(async () => {
  await env?.close();
});

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: Record<string, unknown> }>;
}

/** Runs an async expression in the browser window's chrome scope and returns its string result. */
async function inChrome(expression: string): Promise<string> {
  const connection = (env.firefox.browser as unknown as { connection: BidiConnection }).connection;
  const tree = (await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' })).result as {
    contexts: { context: string; url: string }[];
  };
  const window = tree.contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml');
  if (!window) throw new Error('No browser window in chrome scope');
  const reply = (
    await connection.send('script.evaluate', {
      expression: `(async () => { ${expression} })()`,
      target: { context: window.context },
      awaitPromise: true,
    })
  ).result as { type: string; result?: { value?: string }; exceptionDetails?: { text: string } };
  if (reply.type !== 'success') throw new Error(`chrome scope: ${reply.exceptionDetails?.text}`);
  return reply.result?.value ?? '';
}

/** Opens the toolbox on the selected tab and selects the panel with this title; returns its tool id. */
function openToolboxPanel(title: string): Promise<string> {
  return inChrome(`
    const { require } = ChromeUtils.importESModule('resource://devtools/shared/loader/Loader.sys.mjs');
    const { gDevTools } = require('devtools/client/framework/devtools');
    const toolbox = await gDevTools.showToolboxForTab(gBrowser.selectedTab, { toolId: 'webconsole' });
    const deadline = Date.now() + 20000;
    let tool;
    while (!(tool = toolbox.getAdditionalTools().find((d) => d.label === ${JSON.stringify(title)}))) {
      if (Date.now() > deadline) throw new Error('no panel ' + ${JSON.stringify(title)});
      await new Promise((r) => setTimeout(r, 100));
    }
    await toolbox.selectTool(tool.id);
    return toolbox.currentToolId;
  `);
}

/** Evaluates `text` in the extension panel's document (the panel page inside the toolbox). */
function inPanel(pagePath: string, text: string): Promise<string> {
  return inChrome(`
    const { require } = ChromeUtils.importESModule('resource://devtools/shared/loader/Loader.sys.mjs');
    if (!globalThis.__auditCommands) {
      Services.prefs.setCharPref('devtools.browsertoolbox.scope', 'everything');
      const { CommandsFactory } = require('devtools/shared/commands/commands-factory');
      const commands = await CommandsFactory.forMainProcess();
      await commands.targetCommand.startListening();
      globalThis.__auditCommands = commands;
    }
    const commands = globalThis.__auditCommands;
    const target = commands.targetCommand
      .getAllTargets(commands.targetCommand.ALL_TYPES)
      .find((t) => (t.url || '').endsWith(${JSON.stringify(pagePath)}));
    if (!target) return JSON.stringify(null);
    const reply = await commands.scriptCommand.execute(${JSON.stringify(text)}, { selectedTargetFront: target });
    if (reply.hasException) throw new Error('panel: ' + JSON.stringify(reply.exceptionMessage));
    return typeof reply.result === 'string' ? reply.result : JSON.stringify(null);
  `);
}

interface PanelState {
  heading: string;
  inspectedTabId: number;
  search: string;
  entries: string[];
}

const PANEL_STATE = `JSON.stringify({
  heading: document.querySelector('h1')?.textContent ?? '',
  inspectedTabId: browser.devtools.inspectedWindow.tabId,
  search: location.search,
  entries: [...document.querySelectorAll('.tl-list [data-kind]')].map((e) => e.dataset.kind + ': ' + e.textContent),
})`;

const panelState = async (): Promise<PanelState | null> =>
  JSON.parse(await inPanel('/src/devtools/panel.html', PANEL_STATE));

describe('Firefox: the DevTools panel in the real toolbox', () => {
  it('is added by the devtools_page and shows the inspected tab live', async () => {
    const { page, tabId } = await openTrackedFirefoxPage(env.firefox.browser, env.ext);
    await page.goto(env.demo.urls.insecure, { waitUntil: 'load' });
    await page.bringToFront();
    const toolId = await openToolboxPanel('Cookies (audit)');
    expect(toolId).toMatch(/^webext-devtools-panel-/);
    const first = await eventually(
      panelState,
      (s) =>
        !!s?.entries.some((e) => e.includes('tracking_pref') && e.includes('rejected')) &&
        s.entries.some((e) => e.startsWith('script-cookie') && e.includes('ui_theme')),
      20_000,
    );
    expect(first?.entries.some((e) => e.includes('tracking_pref') && e.includes('rejected'))).toBe(true);
    expect(first?.entries.some((e) => e.startsWith('script-cookie') && e.includes('ui_theme'))).toBe(true);
    expect(first?.inspectedTabId).toBe(tabId);
    expect(first?.search).toBe('');
    expect(first?.heading).toContain('legacy.staging.test');
    // Live while the toolbox stays open: the login arrives on the port.
    await page.goto(env.demo.urls.legacyLogin, { waitUntil: 'load' });
    await page.type('input[name=username]', 'demo');
    await page.type('input[name=password]', 'demo-password');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('button[type=submit]')]);
    const after = await eventually(
      panelState,
      (s) => !!s?.entries.some((e) => e.startsWith('login') && e.includes('NOT rotated')),
      20_000,
    );
    expect(after?.entries.some((e) => e.startsWith('login') && e.includes('NOT rotated'))).toBe(true);
  });
});

/**
 * Presses Alt+Shift+K in the browser window as a keyboard does: trusted key events from Firefox's
 * text input processor go through the window's own shortcut handling (the extension's <key>).
 */
const pressShortcutInWindow = () =>
  inChrome(`
    window.focus();
    const tip = Cc['@mozilla.org/text-input-processor;1'].createInstance(Ci.nsITextInputProcessor);
    if (!tip.beginInputTransactionForTests(window)) throw new Error('no input transaction');
    const key = (k, code, keyCode) => new KeyboardEvent('', { key: k, code, keyCode });
    const keys = [key('Alt', 'AltLeft', 18), key('Shift', 'ShiftLeft', 16), key('K', 'KeyK', 75)];
    for (const k of keys) tip.keydown(k);
    for (const k of keys.reverse()) tip.keyup(k);
    return '';
  `);

const sidebarHeading = async (): Promise<string | null> =>
  JSON.parse(
    await inPanel(
      '/src/sidepanel/index.html',
      "JSON.stringify(document.querySelector('h1')?.textContent ?? '')",
    ),
  );

describe('Firefox: the sidebar', () => {
  it('opens from Alt+Shift+K and follows a switch to another tab', async () => {
    const first = await openTrackedFirefoxPage(env.firefox.browser, env.ext);
    await first.page.goto(env.demo.urls.insecure, { waitUntil: 'load' });
    const second = await openTrackedFirefoxPage(env.firefox.browser, env.ext);
    await second.page.goto(env.demo.urls.hardened, { waitUntil: 'load' });
    await first.page.bringToFront();
    const closed = JSON.parse(await inChrome('return JSON.stringify(SidebarController.isOpen);'));
    expect(closed).toBe(false);
    await pressShortcutInWindow();
    const opened = await eventually(
      async () => JSON.parse(await inChrome('return JSON.stringify(SidebarController.currentID);')) as string,
      (id) => id !== '',
      15_000,
    );
    expect(opened).toMatch(/sidebar-action$/);
    expect(await eventually(sidebarHeading, (h) => !!h?.includes('legacy.staging.test'), 20_000)).toContain(
      'legacy.staging.test',
    );
    await second.page.bringToFront();
    expect(await eventually(sidebarHeading, (h) => !!h?.includes('secure.staging.test'), 20_000)).toContain(
      'secure.staging.test',
    );
  });
});
