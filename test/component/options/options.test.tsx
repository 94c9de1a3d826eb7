/**
 * The options page against an in-memory store that behaves like the background: validate, keep,
 * answer what is in force. Round trip, corrupt stored values, form errors, axe.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  defaultUserSettings,
  listRules,
  type UserSettings,
  validateSettings,
} from '../../../src/core/index.ts';
import type { SettingsState } from '../../../src/messages.ts';
import { OptionsApp } from '../../../src/options/components/Options.tsx';
import type { OptionsActions } from '../../../src/options/types.ts';

afterEach(() => cleanup());

/** What storage.sync would hold, with the background's validation in front of it. */
function memoryStore(stored: unknown): OptionsActions & { stored: () => unknown; saves: number } {
  let raw = stored;
  let saves = 0;
  const state = (): SettingsState => {
    const v = validateSettings(raw);
    return { ...v, defaults: defaultUserSettings(), rules: listRules() };
  };
  return {
    stored: () => raw,
    get saves() {
      return saves;
    },
    async getSettings() {
      return state();
    },
    async saveSettings(settings: UserSettings) {
      saves++;
      raw = JSON.parse(JSON.stringify(settings));
      return state();
    },
  };
}

const field = (name: RegExp | string) => screen.getByLabelText(name) as HTMLInputElement;

describe('options page', () => {
  it('shows the defaults: infrastructure ignore list, every rule on, 12 hours, grade badge', async () => {
    render(<OptionsApp actions={memoryStore(undefined)} />);
    const ignore = (await screen.findByLabelText(
      'Ignored cookie names, one per line',
    )) as HTMLTextAreaElement;
    expect(ignore.value.split('\n')).toEqual(defaultUserSettings().ignoreNames);
    expect(ignore.value).toContain('AWSALB');
    expect(screen.queryByRole('alert')).toBeNull();
    for (const rule of listRules()) expect(field(`Enable ${rule.id}`).checked).toBe(true);
    expect(field(/lives longer than \(hours\)/).value).toBe('12');
    expect((screen.getByRole('radio', { name: 'Always show the grade' }) as HTMLInputElement).checked).toBe(
      true,
    );
  });

  it('saves every kind of setting and reads it back (round trip)', async () => {
    const store = memoryStore(undefined);
    render(<OptionsApp actions={store} />);
    const ignore = (await screen.findByLabelText(
      'Ignored cookie names, one per line',
    )) as HTMLTextAreaElement;
    fireEvent.input(ignore, { target: { value: 'tracking_pref\nab_*\n\n' } });
    fireEvent.click(field('Enable session-no-prefix'));
    fireEvent.change(screen.getByLabelText('Severity of session-missing-samesite'), {
      target: { value: 'high' },
    });
    fireEvent.input(field(/lives longer than \(hours\)/), { target: { value: '8' } });
    fireEvent.click(screen.getByRole('radio', { name: 'Show the grade only when it is below' }));
    fireEvent.change(screen.getByLabelText('Grade below which the badge shows'), { target: { value: 'B' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/Saved/));
    expect(store.stored()).toEqual({
      schema: 'cookie-audit-settings/1',
      ignoreNames: ['tracking_pref', 'ab_*'],
      disabledRules: ['session-no-prefix'],
      severityOverrides: { 'session-missing-samesite': 'high' },
      sessionMaxLifetimeSeconds: 8 * 3600,
      badge: { mode: 'below', threshold: 'B' },
      acceptedRisks: [],
    });

    // A new page load shows what was saved.
    cleanup();
    render(<OptionsApp actions={store} />);
    const again = (await screen.findByLabelText('Ignored cookie names, one per line')) as HTMLTextAreaElement;
    expect(again.value).toBe('tracking_pref\nab_*');
    expect(field('Enable session-no-prefix').checked).toBe(false);
    expect((screen.getByLabelText('Severity of session-missing-samesite') as HTMLSelectElement).value).toBe(
      'high',
    );
    expect(field(/lives longer than \(hours\)/).value).toBe('8');
    expect((screen.getByLabelText('Grade below which the badge shows') as HTMLSelectElement).value).toBe('B');
  });

  it('lists the accepted risks, marks an expired one, and removes one on save', async () => {
    const store = memoryStore({
      acceptedRisks: [
        { rule: 'hsts-missing', site: 'https://app.example', reason: 'HSTS comes from the CDN' },
        { rule: 'session-missing-samesite', cookie: 'legacy_sid', reason: 'Old SSO', until: '2020-01-31' },
      ],
    });
    render(<OptionsApp actions={store} />);
    const table = (await screen.findByRole('heading', { name: 'Accepted risks' })).parentElement!;
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining('HSTS comes from the CDN'),
      expect.stringMatching(/legacy_sid.*Old SSO.*2020-01-31 \(expired\)/),
    ]);
    fireEvent.click(
      screen.getByRole('button', { name: 'Remove the accepted risk session-missing-samesite on legacy_sid' }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/Saved/));
    expect((store.stored() as UserSettings).acceptedRisks).toEqual([
      { rule: 'hsts-missing', site: 'https://app.example', reason: 'HSTS comes from the CDN' },
    ]);
  });

  it('falls back to defaults with a visible notice when the stored value is corrupt', async () => {
    render(<OptionsApp actions={memoryStore('{"ignoreNames": [oops')} />);
    const notice = await screen.findByRole('alert');
    expect(notice.textContent).toMatch(/could not be used/);
    expect(notice.textContent).toMatch(/must be a JSON object/);
    expect(
      ((await screen.findByLabelText('Ignored cookie names, one per line')) as HTMLTextAreaElement).value,
    ).toContain('AWSALB');
  });

  it('names each outdated field and keeps the valid ones', async () => {
    const store = memoryStore({
      ignoreList: ['x'],
      sessionMaxLifetimeSeconds: 'forever',
      disabledRules: ['hsts-no-preload'],
    });
    render(<OptionsApp actions={store} />);
    const notice = await screen.findByRole('alert');
    const items = within(notice)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items).toHaveLength(2);
    expect(items.join(' ')).toMatch(/ignoreList/);
    expect(items.join(' ')).toMatch(/sessionMaxLifetimeSeconds/);
    expect(field('Enable hsts-no-preload').checked).toBe(false);
    // Saving replaces the stored value with a valid one and the notice goes away.
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(validateSettings(store.stored()).problems).toEqual([]);
  });

  it('refuses to save a field it cannot use, and says which', async () => {
    const store = memoryStore(undefined);
    render(<OptionsApp actions={store} />);
    fireEvent.input(await screen.findByLabelText(/lives longer than \(hours\)/), { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/Not saved/));
    expect(screen.getByRole('alert').textContent).toMatch(/Maximum session lifetime/);
    expect(screen.getByRole('status').textContent).toMatch(/Not saved/);
    expect(store.saves).toBe(0);
  });

  it('restores the defaults in the form', async () => {
    render(<OptionsApp actions={memoryStore({ ignoreNames: ['only_me'], badge: { mode: 'off' } })} />);
    const ignore = (await screen.findByLabelText(
      'Ignored cookie names, one per line',
    )) as HTMLTextAreaElement;
    expect(ignore.value).toBe('only_me');
    fireEvent.click(screen.getByRole('button', { name: 'Restore all defaults' }));
    expect(ignore.value).toContain('AWSALB');
    expect((screen.getByRole('radio', { name: 'Always show the grade' }) as HTMLInputElement).checked).toBe(
      true,
    );
  });

  // axe over the whole page (every rule's row) takes seconds in happy-dom on a shared machine.
  it('has no axe violations', { timeout: 30_000 }, async () => {
    render(<OptionsApp actions={memoryStore({ ignoreList: [] })} />);
    await screen.findByRole('alert');
    const results = await axe.run(document.body, {
      resultTypes: ['violations'],
      rules: { 'color-contrast': { enabled: false }, 'target-size': { enabled: false } },
    });
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
  });
});
