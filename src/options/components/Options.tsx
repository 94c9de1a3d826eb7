/**
 * The options page: ignore list (prefilled with infrastructure cookies), per-rule switch and
 * severity override, the maximum lifetime of a session cookie, and the toolbar badge. Settings are
 * validated by the engine's validateSettings; stored values that were corrupt or outdated are shown
 * in a notice (the defaults are in force for them) instead of breaking the page.
 */
import type { JSX } from 'preact';
import { useCallback, useState } from 'preact/hooks';
import type { AcceptedRisk, Grade, Severity } from '../../core/index.ts';
import {
  BADGE_MODES,
  type BadgeMode,
  GRADES,
  isAcceptanceExpired,
  SEVERITIES,
  type UserSettings,
  validateSettings,
} from '../../core/index.ts';
import type { SettingsState } from '../../messages.ts';
import { useLoaded } from '../../ui/hooks.tsx';
import type { OptionsActions } from '../types.ts';

const BADGE_LABELS: Record<BadgeMode, string> = {
  grade: 'Always show the grade',
  below: 'Show the grade only when it is below',
  off: 'Never show a badge',
};

/** The form's own state: text fields stay text until saved. */
interface Draft {
  ignoreText: string;
  disabled: Set<string>;
  overrides: Record<string, Severity>;
  lifetimeHours: string;
  badgeMode: BadgeMode;
  badgeThreshold: Grade;
  acceptedRisks: AcceptedRisk[];
}

function toDraft(s: UserSettings): Draft {
  return {
    ignoreText: s.ignoreNames.join('\n'),
    disabled: new Set(s.disabledRules),
    overrides: { ...s.severityOverrides },
    lifetimeHours: String(Math.round((s.sessionMaxLifetimeSeconds / 3600) * 100) / 100),
    badgeMode: s.badge.mode,
    badgeThreshold: s.badge.threshold,
    acceptedRisks: (s.acceptedRisks ?? []).map((r) => ({ ...r })),
  };
}

/** Builds the settings object from the form; errors are the fields that cannot be saved. */
export function fromDraft(d: Draft): { settings: UserSettings | null; errors: string[] } {
  const errors: string[] = [];
  const hours = Number(d.lifetimeHours.trim().replace(',', '.'));
  if (d.lifetimeHours.trim() === '' || !Number.isFinite(hours) || hours <= 0) {
    errors.push('Maximum session lifetime: enter a number of hours greater than 0.');
  }
  const raw = {
    ignoreNames: d.ignoreText.split(/\r?\n/).map((n) => n.trim()),
    disabledRules: [...d.disabled],
    severityOverrides: d.overrides,
    sessionMaxLifetimeSeconds: Math.round(hours * 3600),
    badge: { mode: d.badgeMode, threshold: d.badgeThreshold },
    acceptedRisks: d.acceptedRisks,
  };
  const { settings, problems } = validateSettings(raw);
  errors.push(...problems);
  return { settings: errors.length === 0 ? settings : null, errors };
}

export function Options({ state, actions }: { state: SettingsState; actions: OptionsActions }): JSX.Element {
  const [current, setCurrent] = useState<SettingsState>(state);
  const [draft, setDraft] = useState<Draft>(() => toDraft(state.settings));
  const [status, setStatus] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const update = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setStatus('');
  };

  const save = async (event: Event) => {
    event.preventDefault();
    const { settings, errors: found } = fromDraft(draft);
    setErrors(found);
    if (!settings) {
      setStatus('Not saved: fix the fields listed above.');
      return;
    }
    try {
      const next = await actions.saveSettings(settings);
      setCurrent(next);
      setDraft(toDraft(next.settings));
      setStatus('Saved. Open tabs were re-graded with these settings.');
    } catch (error) {
      setStatus(`Could not save: ${(error as Error).message}`);
    }
  };

  const resetAll = () => {
    setDraft(toDraft(current.defaults));
    setErrors([]);
    setStatus('Defaults restored in the form: save to apply them.');
  };

  const lifetimeId = 'session-lifetime';
  return (
    <main class="options-main">
      <h1>Cookie Audit settings</h1>
      <p class="muted">
        Stored in your browser's synced storage. The CLI reads the same JSON with{' '}
        <code>cookie-audit --config FILE</code>.
      </p>
      {current.problems.length > 0 ? (
        <div class="settings-notice" role="alert">
          <strong>Some saved settings could not be used, so their defaults are in force:</strong>
          <ul>
            {current.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
          Save this page to replace them.
        </div>
      ) : null}
      <form onSubmit={save} aria-label="Settings" noValidate>
        <section aria-labelledby="ignore-title">
          <h2 id="ignore-title">Ignored cookies</h2>
          <p class="muted">
            One cookie name per line; a trailing <code>*</code> matches a prefix. Ignored cookies are listed
            but get no findings and do not count in the grade. Prefilled with load-balancer and CDN cookies
            that site owners cannot change.
          </p>
          <label for="ignore-names" class="visually-hidden">
            Ignored cookie names, one per line
          </label>
          <textarea
            id="ignore-names"
            spellcheck={false}
            value={draft.ignoreText}
            onInput={(e) => update({ ignoreText: (e.currentTarget as HTMLTextAreaElement).value })}
          />
          <button
            type="button"
            class="small"
            onClick={() => update({ ignoreText: current.defaults.ignoreNames.join('\n') })}
          >
            Reset the list to the infrastructure cookies
          </button>
        </section>

        <section aria-labelledby="rules-title">
          <h2 id="rules-title">Rules</h2>
          <p class="muted">Turn a rule off, or give it another severity than its default.</p>
          <table class="rules-table">
            <thead>
              <tr>
                <th scope="col">On</th>
                <th scope="col">Rule</th>
                <th scope="col">Default</th>
                <th scope="col">Severity</th>
              </tr>
            </thead>
            <tbody>
              {current.rules.map((rule) => {
                const on = !draft.disabled.has(rule.id);
                return (
                  <tr key={rule.id}>
                    <td>
                      <input
                        type="checkbox"
                        id={`rule-${rule.id}`}
                        checked={on}
                        aria-label={`Enable ${rule.id}`}
                        onChange={(e) => {
                          const disabled = new Set(draft.disabled);
                          if ((e.currentTarget as HTMLInputElement).checked) disabled.delete(rule.id);
                          else disabled.add(rule.id);
                          update({ disabled });
                        }}
                      />
                    </td>
                    <td>
                      <label for={`rule-${rule.id}`}>
                        <code>{rule.id}</code> {rule.title}
                      </label>
                    </td>
                    <td>{rule.severity}</td>
                    <td>
                      <select
                        aria-label={`Severity of ${rule.id}`}
                        value={draft.overrides[rule.id] ?? ''}
                        disabled={!on}
                        onChange={(e) => {
                          const value = (e.currentTarget as HTMLSelectElement).value;
                          const overrides = { ...draft.overrides };
                          if (value === '' || value === rule.severity) delete overrides[rule.id];
                          else overrides[rule.id] = value as Severity;
                          update({ overrides });
                        }}
                      >
                        <option value="">default ({rule.severity})</option>
                        {SEVERITIES.map((s) => (
                          <option key={s} value={s}>
                            {s}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>

        <section aria-labelledby="lifetime-title">
          <h2 id="lifetime-title">Session lifetime</h2>
          <div class="field-row">
            <label for={lifetimeId}>Flag a persistent session cookie that lives longer than (hours)</label>
            <input
              id={lifetimeId}
              type="number"
              min="0.02"
              step="any"
              value={draft.lifetimeHours}
              onInput={(e) => update({ lifetimeHours: (e.currentTarget as HTMLInputElement).value })}
            />
          </div>
          <p class="muted">
            Default 12 hours: one working day with margin. A session that outlives it survives closing the
            browser on a shared computer and keeps a stolen id useful for days (rule{' '}
            <code>session-long-lived</code>).
          </p>
        </section>

        <section aria-labelledby="risks-title">
          <h2 id="risks-title">Accepted risks</h2>
          <p class="muted">
            Findings accepted with “Accept risk…” in the popup or the report (or in the CLI's{' '}
            <code>acceptedRisks</code>). They stay listed, marked accepted, but count neither in the grade nor
            in <code>--fail-on</code>; after their end date they apply no more.
          </p>
          {draft.acceptedRisks.length === 0 ? (
            <p class="empty">No accepted risk.</p>
          ) : (
            <table class="risks-table">
              <thead>
                <tr>
                  <th scope="col">Rule</th>
                  <th scope="col">Cookie</th>
                  <th scope="col">Site</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Until</th>
                  <th scope="col">
                    <span class="visually-hidden">Remove</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {draft.acceptedRisks.map((risk, i) => {
                  const expired = isAcceptanceExpired(risk, Date.now());
                  return (
                    <tr key={`${i}:${risk.rule}:${risk.cookie ?? ''}:${risk.site ?? ''}`}>
                      <td>
                        <code>{risk.rule}</code>
                      </td>
                      <td>{risk.cookie ?? <span class="muted">any</span>}</td>
                      <td>{risk.site ?? <span class="muted">every site</span>}</td>
                      <td>{risk.reason}</td>
                      <td>
                        {risk.until ?? <span class="muted">no end</span>}
                        {expired ? <strong> (expired)</strong> : null}
                      </td>
                      <td>
                        <button
                          type="button"
                          class="small"
                          aria-label={`Remove the accepted risk ${risk.rule}${risk.cookie ? ` on ${risk.cookie}` : ''}`}
                          onClick={() =>
                            update({ acceptedRisks: draft.acceptedRisks.filter((_, j) => j !== i) })
                          }
                        >
                          Remove
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </section>

        <section aria-labelledby="badge-title">
          <h2 id="badge-title">Toolbar badge</h2>
          <fieldset>
            <legend class="visually-hidden">When to show the grade on the toolbar button</legend>
            {BADGE_MODES.map((mode) => (
              <div class="field-row" key={mode}>
                <label>
                  <input
                    type="radio"
                    name="badge-mode"
                    value={mode}
                    checked={draft.badgeMode === mode}
                    onChange={() => update({ badgeMode: mode })}
                  />{' '}
                  {BADGE_LABELS[mode]}
                </label>
                {mode === 'below' ? (
                  <select
                    aria-label="Grade below which the badge shows"
                    value={draft.badgeThreshold}
                    disabled={draft.badgeMode !== 'below'}
                    onChange={(e) =>
                      update({ badgeThreshold: (e.currentTarget as HTMLSelectElement).value as Grade })
                    }
                  >
                    {GRADES.map((g) => (
                      <option key={g} value={g}>
                        {g}
                      </option>
                    ))}
                  </select>
                ) : null}
              </div>
            ))}
          </fieldset>
        </section>

        {errors.length > 0 ? (
          <div class="settings-notice" role="alert">
            <ul>
              {errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <div class="options-actions">
          <button type="submit">Save settings</button>
          <button type="button" onClick={resetAll}>
            Restore all defaults
          </button>
          <span role="status" aria-live="polite">
            {status}
          </span>
        </div>
      </form>
    </main>
  );
}

export function OptionsApp({ actions }: { actions: OptionsActions }): JSX.Element {
  const { value: state, error } = useLoaded(useCallback(() => actions.getSettings(), [actions]));
  if (error !== null) {
    return (
      <main class="options-main">
        <h1>Cookie Audit settings</h1>
        <p role="alert">Could not load the settings: {error}</p>
      </main>
    );
  }
  if (state === null) {
    return (
      <main class="options-main" aria-busy="true">
        <h1>Cookie Audit settings</h1>
        <p role="status">Loading…</p>
      </main>
    );
  }
  return <Options state={state} actions={actions} />;
}
