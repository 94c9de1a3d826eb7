/**
 * `--login-script FILE.mjs`: a module whose default export `async ({ page, env }) => {}` logs in any
 * way a site needs (several steps, single sign-on on another host). The extension notes the hashes
 * of the audited origins' cookies before and compares them after, so the session-rotation check
 * still runs. A script that fails to load, throws or never finishes gives one clear line.
 */
import { pathToFileURL } from 'node:url';
import { type AuditDriver, LoginError, type ScriptPage } from './drivers.ts';
import { rememberSecret } from './reach-common.ts';

export type LoginScript = (context: {
  page: ScriptPage;
  env: Readonly<Record<string, string | undefined>>;
}) => unknown;

/**
 * env for the script: the process environment, read-only; every value read (but a plain URL) is
 * remembered so that any output quoting it is scrubbed.
 */
function watchedEnv(env: NodeJS.ProcessEnv): Readonly<Record<string, string | undefined>> {
  const copy = { ...env };
  return new Proxy(copy, {
    get(target, key) {
      const value = typeof key === 'string' ? target[key] : undefined;
      // A URL is not masked whole (the run's own URLs would vanish from its output): the output
      // writer already strips user info, query and fragment from every URL.
      if (typeof value === 'string' && !/^https?:\/\/[^\s]*$/i.test(value)) rememberSecret(value);
      return value;
    },
    set() {
      return false;
    },
  });
}

export async function loadLoginScript(file: string): Promise<LoginScript> {
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ERR_MODULE_NOT_FOUND' && String((error as Error).message).includes(file)
        ? 'file not found'
        : ((error as Error).message ?? String(error)).split('\n')[0];
    throw new LoginError(`--login-script ${file} cannot be loaded: ${reason}`);
  }
  if (typeof mod.default !== 'function') {
    throw new LoginError(
      `--login-script ${file} must export a function as default: export default async ({ page, env }) => { … }`,
    );
  }
  return mod.default as LoginScript;
}

/**
 * Opens the first URL of each audited origin (as a visitor arrives, so the session a site hands out
 * before login exists), notes the cookies, runs the script, compares the cookies.
 */
export async function runLoginScript(
  driver: AuditDriver,
  file: string,
  urls: readonly string[],
  timeoutMs: number,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ finalUrl: string }> {
  const script = await loadLoginScript(file);
  const firstPerOrigin = new Map<string, string>();
  for (const url of urls) {
    const origin = new URL(url).origin;
    if (!firstPerOrigin.has(origin)) firstPerOrigin.set(origin, url);
  }
  const origins = [...firstPerOrigin.keys()];
  for (const url of firstPerOrigin.values()) await driver.visit(url);
  await driver.ask({ type: 'mark-login', phase: 'before', origins });
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new LoginError(
            `--login-script ${file} did not finish within ${Math.round(timeoutMs / 1000)} s (--login-timeout)`,
          ),
        ),
      timeoutMs,
    );
  });
  try {
    await Promise.race([
      Promise.resolve()
        .then(() => script({ page: driver.scriptPage, env: watchedEnv(env) }))
        .catch((error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          throw new LoginError(`--login-script ${file} failed: ${message.split('\n')[0]}`);
        }),
      limit,
    ]);
  } finally {
    clearTimeout(timer);
  }
  await driver.settle();
  await driver.ask({ type: 'mark-login', phase: 'after', origins });
  return { finalUrl: driver.scriptPage.url() };
}
