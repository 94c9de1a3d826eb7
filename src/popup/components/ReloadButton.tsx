/** "Reload page" after a sentence that says why: nothing when the popup cannot reload the tab. */
import type { JSX } from 'preact';

export function ReloadButton({ onReload }: { onReload?: () => void }): JSX.Element | null {
  if (!onReload) return null;
  return (
    <>
      {' '}
      <button type="button" class="small" onClick={onReload}>
        Reload page
      </button>
    </>
  );
}
