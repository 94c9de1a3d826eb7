/**
 * Who decides what Cookie Audit sees: the first-run choice ("every site" or "only sites I choose",
 * one click each) and the options page's list of sites with access.
 */
import type { JSX } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { AccessActions, AccessState } from '../types.ts';

function useAccess(actions: AccessActions): [AccessState | null, string | null, () => Promise<void>] {
  const [state, setState] = useState<AccessState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    try {
      setState(await actions.getAccess());
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [actions]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return [state, error, reload];
}

/** Describes the access in force in one sentence. */
export function accessSummary(state: AccessState): string {
  if (state.everySite) return 'Cookie Audit audits every site you visit and shows a badge everywhere.';
  if (state.sites.length === 0)
    return 'Cookie Audit audits no site yet: open a site and choose "Audit this site" in its popup.';
  return `Cookie Audit audits only the ${state.sites.length === 1 ? 'site' : `${state.sites.length} sites`} you chose; other sites are not observed at all.`;
}

/** The two choices, each one click; `onChosen` tells the page what happened. */
function ChoiceButtons({
  actions,
  state,
  onDone,
}: {
  actions: AccessActions;
  state: AccessState;
  onDone: (message: string) => void;
}): JSX.Element {
  const everySite = () => {
    // No await before the request: the permission prompt needs this click's user gesture.
    actions.chooseEverySite().then(
      (granted) =>
        onDone(granted ? 'Every site will be audited.' : 'Access was not granted; nothing changed.'),
      (e: Error) => onDone(`Could not ask for access: ${e.message}`),
    );
  };
  const sitesOnly = () => {
    actions.chooseSitesOnly().then(
      () => onDone('Only the sites you choose will be audited: use "Audit this site" in the popup.'),
      (e: Error) => onDone(`Could not save the choice: ${e.message}`),
    );
  };
  return (
    <div class="access-choices">
      <button
        type="button"
        class={`choice${state.everySite ? ' chosen' : ''}`}
        aria-pressed={state.everySite}
        onClick={everySite}
      >
        <strong>Audit every site</strong>
        <span>badge everywhere; every page you open is observed</span>
      </button>
      <button
        type="button"
        class={`choice${!state.everySite && state.choice === 'chosen' ? ' chosen' : ''}`}
        aria-pressed={!state.everySite && state.choice === 'chosen'}
        onClick={sitesOnly}
      >
        <strong>Only sites I choose</strong>
        <span>other sites cost nothing and leave no trace</span>
      </button>
    </div>
  );
}

export function WelcomePage({ actions }: { actions: AccessActions }): JSX.Element {
  const [state, error, reload] = useAccess(actions);
  const [message, setMessage] = useState('');
  return (
    <main class="options-main access-main">
      <h1>Welcome to Cookie Audit</h1>
      <p>
        Cookie Audit reads the cookies and response headers of the sites it audits, in your browser; it sends
        nothing anywhere. Which sites should it audit?
      </p>
      {error ? <p role="alert">Could not read the access: {error}</p> : null}
      {state ? (
        <>
          <ChoiceButtons
            actions={actions}
            state={state}
            onDone={(m) => {
              setMessage(m);
              void reload();
            }}
          />
          <p class="access-summary">{accessSummary(state)}</p>
        </>
      ) : null}
      <p role="status" class="access-result">
        {message}
      </p>
      <p class="muted">You can change this at any time in the extension's options.</p>
    </main>
  );
}

/** "on specific sites": ask for one more site by its address (one click after typing it). */
function AddSite({
  actions,
  onDone,
}: {
  actions: AccessActions;
  onDone: (message: string) => void;
}): JSX.Element {
  const [text, setText] = useState('');
  const origin = originOf(text);
  const add = (event: Event) => {
    event.preventDefault();
    if (!origin) return;
    // No await before the request: the prompt needs this click's user gesture.
    actions.requestSite(origin).then(
      (granted) =>
        onDone(granted ? `${origin} will be audited; reload its pages.` : 'Access was not granted.'),
      (e: Error) => onDone(`Could not ask for access: ${e.message}`),
    );
  };
  return (
    <form class="access-add" onSubmit={add}>
      <label for="access-add-site">Audit one more site</label>{' '}
      <input
        id="access-add-site"
        type="url"
        placeholder="https://staging.example"
        value={text}
        onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)}
      />{' '}
      <button type="submit" disabled={!origin}>
        Audit this site
      </button>
    </form>
  );
}

/** The origin of what the user typed ("staging.test:8080" reads as http://staging.test:8080), or null. */
export function originOf(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

/** The options page's section: the choice, and every site with access, each removable. */
export function SiteAccessSection({ actions }: { actions: AccessActions }): JSX.Element {
  const [state, error, reload] = useAccess(actions);
  const [message, setMessage] = useState('');
  const remove = async (pattern: string) => {
    try {
      await actions.removeSite(pattern);
      setMessage(`Access to ${pattern} removed; what was recorded about it is forgotten.`);
    } catch (e) {
      setMessage(`Could not remove ${pattern}: ${(e as Error).message}`);
    }
    await reload();
  };
  return (
    <section class="options-section site-access" aria-labelledby="site-access-h">
      <h2 id="site-access-h">Site access</h2>
      {error ? <p role="alert">Could not read the access: {error}</p> : null}
      {state ? (
        <>
          <p class="access-summary">{accessSummary(state)}</p>
          <ChoiceButtons
            actions={actions}
            state={state}
            onDone={(m) => {
              setMessage(m);
              void reload();
            }}
          />
          <AddSite
            actions={actions}
            onDone={(m) => {
              setMessage(m);
              void reload();
            }}
          />
          <h3>Sites with access</h3>
          {state.sites.length === 0 ? (
            <p class="empty">{state.everySite ? 'Every site (no list needed).' : 'None yet.'}</p>
          ) : (
            <ul class="access-sites" aria-label="Sites with access">
              {state.sites.map((pattern) => (
                <li key={pattern}>
                  <code>{pattern}</code>{' '}
                  <button type="button" class="small" onClick={() => void remove(pattern)}>
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
      <p role="status" class="access-result">
        {message}
      </p>
    </section>
  );
}
