/**
 * Starts real Chromium with the built extension loaded in a throw-away profile. Shared by the CLI,
 * `npm start`, the e2e tests and the benchmark so they all drive the browser the same way.
 */
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import type { Reply, RequestOf, RequestType, ResponseMap } from '../messages.ts';
import { EXTENSION_PAGES } from '../pages.ts';
import { UsageError } from './errors.ts';
import { writeErr } from './output.ts';
import { DIST } from './paths.ts';

/** The first of these program names found as an executable on PATH, or null. */
export function findOnPath(names: readonly string[]): string | null {
  for (const name of names) {
    for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
      const candidate = path.join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // keep looking
      }
    }
  }
  return null;
}

/** A browser from the environment variable, else from PATH, else a usage error with the install hint. */
export function findBrowser(envVar: string, names: readonly string[], installHint: string): string {
  const fromEnv = process.env[envVar];
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new UsageError(`${envVar} points at ${fromEnv}, which does not exist`);
    return fromEnv;
  }
  const found = findOnPath(names);
  if (!found) throw new UsageError(installHint);
  return found;
}

export function findChromium(): string {
  return findBrowser(
    'CHROME_PATH',
    ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'],
    'No Chromium found. Install it with `sudo apt-get install chromium` (Debian/Ubuntu) or set CHROME_PATH.',
  );
}

export function assertBuilt(dist = DIST): void {
  if (!existsSync(path.join(dist, 'manifest.json'))) {
    throw new UsageError(
      `The extension is not built (${path.relative(process.cwd(), dist) || dist}/manifest.json missing): run \`npm run build\` first.`,
    );
  }
}

export interface LaunchOptions {
  dist?: string;
  headless?: boolean;
  /** Accept self-signed and otherwise invalid certificates (staging hosts). */
  insecure?: boolean;
  /** Chromium --host-resolver-rules (the demo site's *.staging.test names). */
  hostResolverRules?: string;
  /** Load the extension (false: a plain browser, for overhead baselines). */
  withExtension?: boolean;
  /**
   * Trust certificates with these public keys only (base64 SHA-256 of the SubjectPublicKeyInfo):
   * the demo site's self-signed certificate, without accepting every invalid certificate.
   */
  trustedSpki?: string[];
  /** Run without Chromium's sandbox even when not root (--no-sandbox). */
  noSandbox?: boolean;
  /** No note on stderr that the sandbox is off (--quiet: errors only); `sandboxOff` still says it. */
  quiet?: boolean;
  /** Environment of the browser process (e.g. a HOME whose NSS database trusts a test CA). */
  env?: Record<string, string>;
  /**
   * Host access granted to the extension in the launched profile: every site (the default: the CLI
   * audits whatever it is given), none (as installed, before the first-run choice), or these match
   * patterns ("http://a.test/*").
   */
  hostAccess?: 'all' | 'none' | string[];
  /** Start on this profile (kept on close) instead of a throw-away one. */
  profileDir?: string;
  /**
   * Open a loopback debugging port, for what the automation pipe cannot reach: a toolbar click
   * (triggerAction) and the side panel's page (browserPage).
   */
  remoteDebugging?: boolean;
  /** Allow the extension in incognito windows, as the user's "Allow in Incognito" switch does. */
  allowIncognito?: boolean;
}

/**
 * Chromium keeps its sandbox unless it cannot run with it: as root (Chromium refuses to start
 * sandboxed) or when the user asked (--no-sandbox, e.g. in a container without user namespaces).
 */
export function sandboxReason(noSandbox: boolean | undefined, uid = process.getuid?.()): string | null {
  if (uid === 0) return 'running as root';
  if (noSandbox) return '--no-sandbox given';
  return null;
}

/** Match patterns the extension is granted for a hostAccess option. */
export function hostAccessPatterns(access: LaunchOptions['hostAccess'] = 'all'): string[] {
  return access === 'none' ? [] : access === 'all' ? ['<all_urls>'] : access;
}

/**
 * Grants host access in a profile the extension was installed in, as Chrome records a user's grant
 * (permissions.request accepted): granted, active and runtime-granted host permissions. Measured on
 * Chromium 156: the permission prompt of permissions.request cannot be answered in headless mode,
 * and chrome://extensions' site-access calls do not grant optional host permissions; this does, from
 * the next start of the browser on.
 */
export function grantHostAccessInProfile(profileDir: string, dist: string, patterns: string[]): string {
  return editExtensionSettings(profileDir, dist, (settings) => {
    for (const key of ['granted_permissions', 'active_permissions', 'runtime_granted_permissions']) {
      const held = (settings[key] ?? {}) as Record<string, unknown>;
      settings[key] = {
        api: [],
        manifest_permissions: [],
        scriptable_host: [],
        ...held,
        explicit_host: patterns,
      };
    }
  });
}

/** Turns on "Allow in Incognito" for the extension in a profile it was installed in. */
export function allowIncognitoInProfile(profileDir: string, dist: string): void {
  editExtensionSettings(profileDir, dist, (settings) => {
    settings.incognito = true;
  });
}

/** Edits the installed extension's entry in the profile's Preferences; returns its id. */
function editExtensionSettings(
  profileDir: string,
  dist: string,
  edit: (settings: Record<string, unknown>) => void,
): string {
  const file = path.join(profileDir, 'Default', 'Preferences');
  const prefs = JSON.parse(readFileSync(file, 'utf8')) as {
    extensions?: { settings?: Record<string, Record<string, unknown> & { path?: string }> };
  };
  const settings = prefs.extensions?.settings ?? {};
  const id = Object.keys(settings).find(
    (key) => path.resolve(settings[key].path ?? '') === path.resolve(dist),
  );
  if (!id) throw new Error('The extension is not installed in this profile');
  edit(settings[id]);
  writeFileSync(file, JSON.stringify(prefs));
  return id;
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string | null;
  serviceWorker: Worker | null;
  profileDir: string;
  /** Why Chromium runs without its sandbox (e.g. "running as root"), or null when it has it. */
  sandboxOff: string | null;
  /** Clicks the toolbar button on the tab showing this URL (needs `remoteDebugging`). */
  triggerAction?(tabUrl: string): Promise<void>;
  /**
   * A page of the browser's own UI, such as the side panel, whose URL starts with this (needs
   * `remoteDebugging`); waits up to 10 s for it. Close the returned connection when done.
   */
  browserPage?(urlPrefix: string): Promise<{ page: Page; disconnect(): Promise<void> }>;
  /** Opens an extension page (the popup) in a tab for messaging, screenshots and tests. */
  extensionPage(pathAndQuery?: string): Promise<Page>;
  close(): Promise<void>;
}

export async function launchChromium(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const dist = options.dist ?? DIST;
  const withExtension = options.withExtension ?? true;
  if (withExtension) assertBuilt(dist);
  const executablePath = findChromium();
  const ownProfile = options.profileDir === undefined;
  const profileDir = options.profileDir ?? mkdtempSync(path.join(tmpdir(), 'cookie-audit-profile-'));
  const headless = options.headless ?? true;
  const args = [
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
    '--disable-quic',
    '--disable-gpu',
    '--disable-dev-shm-usage',
  ];
  if (headless) args.push('--headless=new');
  if (withExtension) args.push(`--disable-extensions-except=${dist}`, `--load-extension=${dist}`);
  const unsandboxed = sandboxReason(options.noSandbox);
  if (unsandboxed !== null) {
    args.push('--no-sandbox');
    if (!options.quiet) writeErr(`note: Chromium runs without its sandbox (${unsandboxed})`);
  }
  if (options.insecure) args.push('--ignore-certificate-errors');
  else if (options.trustedSpki && options.trustedSpki.length > 0)
    args.push(`--ignore-certificate-errors-spki-list=${options.trustedSpki.join(',')}`);
  if (options.hostResolverRules) args.push(`--host-resolver-rules=${options.hostResolverRules}`);
  if (options.remoteDebugging) args.push('--remote-debugging-port=0', '--enable-unsafe-extension-debugging');

  const launch = () =>
    chromium.launchPersistentContext(profileDir, {
      executablePath,
      ...(options.env ? { env: { ...process.env, ...options.env } as Record<string, string> } : {}),
      // Headless is passed as a flag above: the extension loads only in the new headless mode.
      headless: false,
      ignoreDefaultArgs: ['--disable-extensions', '--enable-automation'],
      // Playwright adds --no-sandbox unless told otherwise; the decision is made above.
      chromiumSandbox: unsandboxed === null,
      args,
      ignoreHTTPSErrors: !!options.insecure,
      viewport: { width: 1200, height: 800 },
    });
  const patterns = hostAccessPatterns(options.hostAccess);
  if (withExtension && (patterns.length > 0 || options.allowIncognito)) {
    // Install once (headless, whatever the caller asked), grant, then start for real.
    const installing = await chromium.launchPersistentContext(profileDir, {
      executablePath,
      headless: false,
      ignoreDefaultArgs: ['--disable-extensions', '--enable-automation'],
      chromiumSandbox: unsandboxed === null,
      args: headless ? args : [...args, '--headless=new'],
    });
    if (installing.serviceWorkers().length === 0)
      await installing.waitForEvent('serviceworker', { timeout: 30_000 });
    await installing.close();
    if (patterns.length > 0) grantHostAccessInProfile(profileDir, dist, patterns);
    if (options.allowIncognito) allowIncognitoInProfile(profileDir, dist);
  }
  const context = await launch();

  let serviceWorker: Worker | null = null;
  let extensionId: string | null = null;
  if (withExtension) {
    serviceWorker =
      context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
    extensionId = new URL(serviceWorker.url()).host;
    // Settle the worker before the first navigation, or its first responses can be missed.
    await serviceWorker.evaluate(
      () => (globalThis as unknown as { chrome: { runtime: { id: string } } }).chrome.runtime.id,
    );
  }

  const connectRemote = () => {
    const port = readFileSync(path.join(profileDir, 'DevToolsActivePort'), 'utf8').split('\n')[0];
    return chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  };

  const close = async () => {
    await context.close().catch(() => undefined);
    if (ownProfile) rmSync(profileDir, { recursive: true, force: true });
  };

  return {
    context,
    extensionId,
    serviceWorker,
    profileDir,
    sandboxOff: unsandboxed,
    async triggerAction(tabUrl: string) {
      if (!options.remoteDebugging || !extensionId) throw new Error('Launched without remoteDebugging');
      const remote = await connectRemote();
      try {
        const cdp = await remote.newBrowserCDPSession();
        const { targetInfos } = (await cdp.send('Target.getTargets', {
          filter: [{ type: 'tab' }],
        } as never)) as {
          targetInfos: { targetId: string; url: string }[];
        };
        const tab = targetInfos.find((t) => t.url === tabUrl);
        if (!tab) throw new Error(`No tab shows ${tabUrl}`);
        await cdp.send(
          'Extensions.triggerAction' as never,
          { id: extensionId, targetId: tab.targetId } as never,
        );
      } finally {
        await remote.close().catch(() => undefined);
      }
    },
    async browserPage(urlPrefix: string) {
      if (!options.remoteDebugging) throw new Error('Launched without remoteDebugging');
      const remote = await connectRemote();
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        const page = remote
          .contexts()
          .flatMap((c) => c.pages())
          .find((p) => p.url().startsWith(urlPrefix));
        if (page) return { page, disconnect: () => remote.close().catch(() => undefined) };
        await new Promise((r) => setTimeout(r, 100));
      }
      await remote.close().catch(() => undefined);
      throw new Error(`No browser page at ${urlPrefix}`);
    },
    async extensionPage(pathAndQuery: string = EXTENSION_PAGES.popup) {
      if (!extensionId) throw new Error('No extension loaded');
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${pathAndQuery}`);
      return page;
    },
    close,
  };
}

/** Sends a typed request to the background from an extension page, as the popup does. */
export async function ask<T extends RequestType>(page: Page, request: RequestOf<T>): Promise<ResponseMap[T]> {
  const reply = (await page.evaluate(
    (req) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage(req),
    request as unknown as Record<string, unknown>,
  )) as Reply<T>;
  if (!reply?.ok) throw new Error(`Extension refused ${request.type}: ${reply ? reply.error : 'no reply'}`);
  return reply.data;
}

/** Every tab id the extension can see (to tell which tab a newly opened page is). */
export async function allTabIds(extPage: Page): Promise<number[]> {
  return extPage.evaluate(async () =>
    (
      await (
        globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number }[]> } } }
      ).chrome.tabs.query({})
    ).map((t) => t.id ?? -1),
  );
}

/** Opens a new page and returns it with its tab id (found as the one tab that was not there before). */
export async function openTrackedPage(
  context: BrowserContext,
  extPage: Page,
): Promise<{ page: Page; tabId: number }> {
  const before = new Set(await allTabIds(extPage));
  const page = await context.newPage();
  for (let i = 0; i < 50; i++) {
    const fresh = (await allTabIds(extPage)).filter((id) => !before.has(id) && id >= 0);
    if (fresh.length === 1) return { page, tabId: fresh[0] };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('Could not tell which tab the new page is');
}

/**
 * Opens a new page and tells its tab id from inside it: the page first shows one of the extension's
 * own files, where tabs.getCurrent answers. No comparison with the tabs open before, so several
 * tabs can be opened at the same time.
 */
export async function openIdentifiedPage(
  context: BrowserContext,
  extensionId: string,
): Promise<{ page: Page; tabId: number }> {
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/manifest.json`);
    const tabId = await page.evaluate(async () => {
      const chrome = (
        globalThis as unknown as { chrome: { tabs: { getCurrent(): Promise<{ id?: number } | undefined> } } }
      ).chrome;
      return (await chrome.tabs.getCurrent())?.id ?? -1;
    });
    if (tabId < 0) throw new Error('Could not tell which tab the new page is');
    return { page, tabId };
  } catch (error) {
    await page.close().catch(() => undefined);
    throw error;
  }
}
