/** The popup on a site Cookie Audit has no access to: say so, and offer to audit it (one click). */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ReloadButton } from './ReloadButton.tsx';

export function NoAccessGap({
  origin,
  onRequest,
  onReload,
}: {
  origin: string | null;
  onRequest?: (origin: string) => Promise<boolean>;
  onReload?: () => void;
}): JSX.Element {
  const [state, setState] = useState<'idle' | 'asking' | 'granted' | 'refused' | 'failed'>('idle');
  const ask = () => {
    if (!origin || !onRequest) return;
    setState('asking');
    // No await before the request: the browser's prompt needs this click's user gesture.
    onRequest(origin).then(
      (granted) => setState(granted ? 'granted' : 'refused'),
      () => setState('failed'),
    );
  };
  if (state === 'granted') {
    return (
      <p class="coverage-gap" role="status">
        <strong>Access granted.</strong> Reload the page so that Cookie Audit sees its response headers.
        <ReloadButton onReload={onReload} />
      </p>
    );
  }
  return (
    <div class="coverage-gap">
      <p>
        <strong>No access to this site.</strong> Cookie Audit does not observe or store anything of it until
        you allow it.
      </p>
      {origin && onRequest ? (
        <p>
          <button type="button" onClick={ask} disabled={state === 'asking'}>
            {state === 'asking' ? 'Waiting for your answer…' : 'Audit this site'}
          </button>{' '}
          <span class="muted">asks the browser for access to {new URL(origin).hostname} only</span>
        </p>
      ) : null}
      {state === 'refused' ? <p role="status">Access was not granted.</p> : null}
      {state === 'failed' ? <p role="alert">The browser did not ask for access.</p> : null}
    </div>
  );
}
