/**
 * The popup as a user meets it, in real Chromium on the demo site: screenshots in light and dark
 * mode, an axe-core accessibility check, the lesson with the detected framework's fix, reveal on
 * request, and markup in cookie names rendered as text.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Env, eventually, openPopup, screenshot, startEnv, tabView, visit } from './harness.ts';

let env: Env;
let insecureTab: number;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in the page (evaluate is not subject to the extension page's CSP). */
async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target })),
  }));
}

beforeAll(async () => {
  env = await startEnv();
  insecureTab = (await visit(env, env.demo.urls.insecure)).tabId;
  await eventually(
    () => tabView(env, insecureTab),
    (v) => !!v.audit?.cookies.some((c) => c.name === 'ui_theme'),
  );
});

afterAll(async () => {
  await env?.close();
});

describe('popup in Chromium', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`renders the insecure demo site in ${scheme} mode with no serious accessibility violation`, async () => {
      const popup = await openPopup(env, insecureTab, scheme);
      await popup.getByText('sessionid', { exact: true }).first().waitFor();
      const background = await popup.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const [r, g, b] = (background.match(/\d+/g) ?? ['0', '0', '0']).map(Number);
      const luminance = (r + g + b) / 3;
      if (scheme === 'dark') expect(luminance).toBeLessThan(80);
      else expect(luminance).toBeGreaterThan(175);
      const serious = (await axeViolations(popup)).filter(
        (v) => v.impact === 'serious' || v.impact === 'critical',
      );
      expect(serious).toEqual([]);
      // No horizontal overflow at the popup's width.
      const overflow = await popup.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(popup, `popup-insecure-${scheme}`, `popup-${scheme}.png`);
      await popup.close();
    });
  }

  it('explains a finding with the fix for the detected framework first (Django on the demo)', async () => {
    const view = await tabView(env, insecureTab);
    expect(view.audit!.frameworks).toContain('django');
    const popup = await openPopup(env, insecureTab);
    await popup.getByText('sessionid', { exact: true }).first().click();
    const details = popup.locator('article', { has: popup.getByText('sessionid', { exact: true }) }).first();
    const lessonToggle = details.getByRole('button', { name: /why|fix/i }).first();
    await lessonToggle.click();
    await expect
      .poll(async () => details.innerText())
      .toMatch(/SESSION_COOKIE_HTTPONLY|SESSION_COOKIE_SECURE/);
    await screenshot(popup, 'popup-insecure-expanded');
    await popup.close();
  });

  it('reveals a value only on request and forgets it', async () => {
    const popup = await openPopup(env, insecureTab);
    const card = popup.locator('article', { has: popup.getByText('sessionid', { exact: true }) }).first();
    await card.waitFor();
    expect(await card.locator('.value-revealed').count()).toBe(0);
    await card.getByRole('button', { name: /reveal/i }).click();
    const shown = await card.locator('.value-revealed').innerText();
    expect(shown).toMatch(/^[a-z0-9]{32}$/);
    await card.getByRole('button', { name: /hide/i }).click();
    expect(await card.locator('.value-revealed').count()).toBe(0);
    const stored = await popup.evaluate(async () => {
      const chromeApi = (
        globalThis as unknown as {
          chrome: {
            storage: {
              session: { get(k: null): Promise<unknown> };
              local: { get(k: null): Promise<unknown> };
            };
          };
        }
      ).chrome;
      return JSON.stringify([
        await chromeApi.storage.session.get(null),
        await chromeApi.storage.local.get(null),
        { ...localStorage },
        { ...sessionStorage },
      ]);
    });
    expect(stored).not.toContain(shown);
    await popup.close();
  });

  it('renders markup in cookie names and values as text', async () => {
    const { tabId } = await visit(env, env.demo.urls.legacyHostile);
    await eventually(
      () => tabView(env, tabId),
      (v) => !!v.audit?.cookies.some((c) => c.name.includes('<script>')),
    );
    const popup = await openPopup(env, tabId);
    const dialogs: string[] = [];
    popup.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const filter = popup
      .getByRole('searchbox')
      .or(popup.getByLabel(/filter cookies/i))
      .first();
    await filter.fill('alert');
    await popup.getByText('<script>alert(1)</script>', { exact: true }).first().waitFor();
    expect(await popup.locator('article img, article script').count()).toBe(0);
    await filter.fill('markup');
    await popup.getByText('markup', { exact: true }).first().waitFor();
    expect(await popup.locator('img, script:not([src])').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await popup.close();
  });
});
