/**
 * Per-site access in real Chromium: with access to one demo site only, a second demo site leaves no
 * trace in storage, its popup says so and offers "Audit this site"; once granted (recorded in the
 * profile as Chrome records an accepted prompt, then the browser restarted) a reload audits it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { grantHostAccessInProfile } from '../../src/cli/chromium.ts';
import { DIST } from '../../src/cli/paths.ts';
import { type Env, eventually, openPopup, sessionItems, startEnv, tabView } from './harness.ts';

let env: Env | undefined;

afterAll(async () => {
  await env?.close();
});

async function sessionKeys(e: Env): Promise<string[]> {
  return Object.keys(await sessionItems(e.ext));
}

/** Opens the first page of an audited site (it asks for a reload, see above) and reloads it. */
async function visitAudited(e: Env, url: string) {
  const { openTrackedPage } = await import('../../src/cli/chromium.ts');
  const opened = await openTrackedPage(e.browser.context, e.ext);
  await opened.page.goto(url, { waitUntil: 'load' });
  const first = await eventually(
    () => tabView(e, opened.tabId),
    (v) => v.status === 'reload-to-audit',
  );
  expect(first.coverage.startedUnwatched).toBe(true);
  await opened.page.reload({ waitUntil: 'load' });
  await eventually(
    () => tabView(e, opened.tabId),
    (v) => v.status === 'observed',
  );
  return opened;
}

describe('access to one site only', () => {
  it('leaves no trace of another site, offers to audit it, and audits it once granted', async () => {
    env = await startEnv({}, { hostAccess: ['http://legacy.staging.test/*'], remoteDebugging: true });
    // The first page of the audited site loads while no tab shows it, so while Cookie Audit's network
    // listeners are off (other sites cost nothing): it asks for a reload, which is audited.
    const audited = await visitAudited(env, env.demo.urls.insecure);
    expect((await tabView(env, audited.tabId)).status).toBe('observed');

    const { openTrackedPage } = await import('../../src/cli/chromium.ts');
    const other = await openTrackedPage(env.browser.context, env.ext);
    await other.page.goto(env.demo.urls.hardened, { waitUntil: 'load' });
    await other.page.waitForLoadState('networkidle').catch(() => undefined);
    // Give the worker every chance to (wrongly) record something.
    await other.page.reload({ waitUntil: 'load' });
    await env.ext.waitForTimeout(500);
    const keys = await sessionKeys(env);
    expect(keys.some((k) => k.includes('legacy.staging.test'))).toBe(true);
    expect(keys.some((k) => k.includes('secure.staging.test'))).toBe(false);
    const stored = JSON.stringify(await sessionItems(env.ext));
    expect(stored).not.toContain('secure.staging.test');
    expect(stored).not.toContain('__Host-sid');

    // The toolbar click (activeTab) lets the popup see which site it is: it offers to audit it.
    await env.browser.triggerAction?.(other.page.url());
    const popup = await openPopup(env, other.tabId);
    await popup.getByText('No access to this site.').waitFor();
    await popup.getByRole('button', { name: 'Audit this site' }).waitFor();
    expect((await tabView(env, other.tabId)).coverage.hostAccess).toBe(false);
    await popup.close();

    // Granting: Chrome's prompt cannot be answered headlessly, so the grant is recorded in the
    // profile as an accepted prompt is, and the browser restarted on the same profile.
    const profile = env.browser.profileDir;
    await env.browser.context.close();
    grantHostAccessInProfile(profile, DIST, [
      'http://legacy.staging.test/*',
      'https://secure.staging.test/*',
    ]);
    const { launchChromium } = await import('../../src/cli/chromium.ts');
    const { HOST_RESOLVER_RULES } = await import('../../src/demo/server.ts');
    const again = await launchChromium({
      insecure: true,
      hostResolverRules: HOST_RESOLVER_RULES,
      hostAccess: 'none',
      profileDir: profile,
    });
    const ext = await again.extensionPage('src/popup/index.html');
    const reopened: Env = { demo: env.demo, browser: again, ext, close: async () => again.close() };
    const granted = await visitAudited(reopened, env.demo.urls.hardened);
    const view = await eventually(
      () => tabView(reopened, granted.tabId),
      (v) => !!v.audit?.cookies.some((c) => c.name === '__Host-sid'),
    );
    expect(view.coverage.hostAccess).toBe(true);
    expect(view.audit?.grade).toBeTruthy();
    await again.close();
  });
});
