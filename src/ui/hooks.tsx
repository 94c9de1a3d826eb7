/** The hooks the extension's pages share: the live-region announcer and loading once per view. */
import type { JSX } from 'preact';
import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useState } from 'preact/hooks';

/** Sends a short message to the page's polite live region (role="status"). */
export const AnnounceContext = createContext<(message: string) => void>(() => {});

export function useAnnounce(): (message: string) => void {
  return useContext(AnnounceContext);
}

/**
 * Loads something once (per change of `load`) for a page: null while loading, the error's message
 * when it failed. Answers that arrive after the page moved on are dropped.
 */
export function useLoaded<T>(load: () => Promise<T>): { value: T | null; error: string | null } {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    load().then(
      (v) => !cancelled && setValue(v),
      (e: Error) => !cancelled && setError(e.message),
    );
    return () => {
      cancelled = true;
    };
  }, [load]);
  return { value, error };
}

/** Polite live region shared by the page: filter results, redirect check, copy and reveal. */
export function useLiveRegion(): [JSX.Element, (message: string) => void] {
  const [message, setMessage] = useState('');
  const announce = useCallback((m: string) => {
    // Clear first so that the same message twice is announced twice.
    setMessage('');
    setTimeout(() => setMessage(m), 30);
  }, []);
  const region = (
    <div class="visually-hidden" role="status" aria-live="polite">
      {message}
    </div>
  );
  return [region, announce];
}
