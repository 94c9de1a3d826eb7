/**
 * Chromium's real DevTools for a tab, driven over the loopback debugging port: CDP
 * `Target.openDevTools` opens the same DevTools window a user gets from F12 (with the embedder that
 * loads extensions' `devtools_page`s), and the front-end's own `InspectorView` selects a panel as a
 * click on its tab does. Playwright does not expose DevTools targets; puppeteer-core does.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import puppeteer, { type Browser, type Frame, type Page as FrontEndPage } from 'puppeteer-core';
import { ROOT } from '../../src/cli/paths.ts';
import { type Env, SCREENSHOTS } from './harness.ts';

export interface RealDevtools {
  /** The DevTools front-end (devtools://devtools/bundled/devtools_app.html). */
  frontEnd: FrontEndPage;
  /** Titles of the panels in DevTools' tab strip, in order. */
  panelTitles(): Promise<string[]>;
  /** Selects a panel by its title and returns the extension panel's frame. */
  showExtensionPanel(title: string, pagePath: string): Promise<Frame>;
  /** Docks DevTools in its own window of this size (for pictures of the whole DevTools). */
  undock(width: number, height: number): Promise<void>;
  close(): Promise<void>;
}

interface PanelTab {
  id: string;
  title: string;
}

/**
 * Runs `body` inside devtools_app.html with its UI module as `ui` and `arg` as `arg`. Sent as text:
 * the test runner's transform would rewrite a dynamic import() in a function.
 */
function inFrontEnd<T>(frontEnd: FrontEndPage, body: string, arg: unknown = null): Promise<T> {
  return frontEnd.evaluate(
    `(async (arg) => { const ui = await import('./ui/legacy/legacy.js'); ${body} })(${JSON.stringify(arg)})`,
  ) as Promise<T>;
}

/** The front-end's panel tabs, as its tab strip shows them. */
function frontEndTabs(frontEnd: FrontEndPage): Promise<PanelTab[]> {
  return inFrontEnd(
    frontEnd,
    'return ui.InspectorView.InspectorView.instance().tabbedPane.tabs.map((t) => ({ id: t.id, title: t.title }));',
  );
}

export async function openRealDevtools(env: Env, tab: Page): Promise<RealDevtools> {
  const port = readFileSync(path.join(env.browser.profileDir, 'DevToolsActivePort'), 'utf8').split('\n')[0];
  const extensionOrigin = `chrome-extension://${env.browser.extensionId}/`;
  // Not the tabs (they stay Playwright's); DevTools and its frames are attached before they have a URL.
  const remote: Browser = await puppeteer.connect({
    browserURL: `http://127.0.0.1:${port}`,
    defaultViewport: null,
    targetFilter: (t) => t.type() !== 'page' || t.url().startsWith('devtools://'),
  });
  try {
    const tabSession = await env.browser.context.newCDPSession(tab);
    const { targetInfo } = (await tabSession.send('Target.getTargetInfo')) as {
      targetInfo: { targetId: string };
    };
    await tabSession.detach();
    const browserSession = await remote.target().createCDPSession();
    const { targetId } = (await browserSession.send(
      'Target.openDevTools' as never,
      {
        targetId: targetInfo.targetId,
      } as never,
    )) as { targetId: string };
    const target = await remote.waitForTarget(
      (t) => (t as unknown as { _targetId: string })._targetId === targetId,
      { timeout: 20_000 },
    );
    const frontEnd = await target.asPage();
    // The front-end has built its UI once InspectorView has a tab strip.
    const ready = Date.now() + 20_000;
    while (!(await frontEndTabs(frontEnd).catch(() => null))) {
      if (Date.now() > ready) throw new Error('DevTools did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    return {
      frontEnd,
      async panelTitles() {
        return (await frontEndTabs(frontEnd)).map((t) => t.title);
      },
      async showExtensionPanel(title: string, pagePath: string) {
        // The panel's tab appears once the extension's devtools_page has run panels.create.
        let found: PanelTab | undefined;
        const deadline = Date.now() + 20_000;
        while (!found && Date.now() < deadline) {
          found = (await frontEndTabs(frontEnd)).find(
            (t) => t.title === title && t.id.startsWith(extensionOrigin.slice(0, -1)),
          );
          if (!found) await new Promise((r) => setTimeout(r, 100));
        }
        if (!found) throw new Error(`DevTools shows no panel "${title}"`);
        await inFrontEnd(
          frontEnd,
          'await ui.InspectorView.InspectorView.instance().showPanel(arg);',
          found.id,
        );
        const url = extensionOrigin + pagePath;
        while (Date.now() < deadline + 20_000) {
          const frame = frontEnd.frames().find((f) => f.url().startsWith(url));
          if (frame) return frame;
          await new Promise((r) => setTimeout(r, 100));
        }
        throw new Error(`The "${title}" panel did not load ${url}`);
      },
      async undock(width: number, height: number) {
        await inFrontEnd(frontEnd, "ui.DockController.DockController.instance().setDockSide('undocked');");
        const { windowId } = (await browserSession.send('Browser.getWindowForTarget', { targetId })) as {
          windowId: number;
        };
        await browserSession.send('Browser.setWindowBounds', { windowId, bounds: { width, height } });
        await frontEnd.waitForFunction((w) => window.innerWidth === w, { timeout: 10_000 }, width);
      },
      async close() {
        await frontEnd.close().catch(() => undefined);
        await remote.disconnect();
      },
    };
  } catch (e) {
    await remote.disconnect();
    throw e;
  }
}

/** Saves a PNG of the whole DevTools window; with UPDATE_SCREENSHOTS=1 the README's copy too. */
export async function frontEndScreenshot(
  frontEnd: FrontEndPage,
  name: string,
  docsName: string,
): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await new Promise((r) => setTimeout(r, 150));
  await frontEnd.screenshot({ path: file as `${string}.png` });
  if (process.env.UPDATE_SCREENSHOTS === '1') copyFileSync(file, path.join(ROOT, 'docs', docsName));
  return file;
}
