/**
 * "Accept risk…": a small modal form for one finding. A reason is required, an end date optional;
 * the entry is saved in the settings (`acceptedRisks`, the same shape as the CLI's --config), so the
 * finding stays listed, marked accepted, and no longer counts in the grade.
 */
import type { ComponentChildren, JSX } from 'preact';
import { useCallback, useEffect, useId, useRef, useState } from 'preact/hooks';
import type { AcceptedRisk } from '../core/index.ts';
import { AcceptRiskContext, type AcceptRiskRequest, acceptedRiskFor } from './contexts.tsx';
import { findingTitle } from './Lesson.tsx';

function AcceptRiskForm({
  request,
  onSave,
  onClose,
}: {
  request: AcceptRiskRequest;
  onSave: (risk: AcceptedRisk) => Promise<void>;
  onClose: () => void;
}): JSX.Element {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open && typeof d.showModal === 'function') d.showModal();
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (reason.trim() === '') {
      setError('Say why this risk is accepted.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSave(acceptedRiskFor(request, reason, until));
      onClose();
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };

  const what =
    request.cookie !== null ? `cookie ${request.cookie === '' ? '(nameless)' : request.cookie}` : 'the site';
  return (
    <dialog
      ref={dialog}
      class="accept-dialog"
      aria-labelledby={`${id}-title`}
      onClose={onClose}
      onCancel={onClose}
    >
      <form onSubmit={submit}>
        <h2 id={`${id}-title`}>Accept risk</h2>
        <p>
          <strong>{findingTitle(request.finding)}</strong> <code>{request.finding.rule}</code> on {what} at{' '}
          {request.origin}. It stays listed, marked accepted, and no longer counts in the grade or a CI gate.
        </p>
        <label for={`${id}-reason`}>Reason (required)</label>
        <textarea
          id={`${id}-reason`}
          required
          maxLength={500}
          rows={3}
          value={reason}
          onInput={(e) => setReason((e.currentTarget as HTMLTextAreaElement).value)}
        />
        <label for={`${id}-until`}>Until (optional; after this date it applies no more)</label>
        <input
          id={`${id}-until`}
          type="date"
          value={until}
          onInput={(e) => setUntil((e.currentTarget as HTMLInputElement).value)}
        />
        {error ? (
          <p role="alert" class="form-error">
            {error}
          </p>
        ) : null}
        <div class="dialog-buttons">
          <button type="submit" disabled={busy}>
            {busy ? 'Saving…' : 'Accept risk'}
          </button>
          <button type="button" class="secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** Gives the findings below an "Accept risk…" button and shows the form for the one clicked. */
export function AcceptRiskProvider({
  onAccept,
  announce,
  children,
}: {
  onAccept?: (risk: AcceptedRisk) => Promise<void>;
  announce: (message: string) => void;
  children: ComponentChildren;
}): JSX.Element {
  const [request, setRequest] = useState<AcceptRiskRequest | null>(null);
  const close = useCallback(() => setRequest(null), []);
  if (!onAccept) return <>{children}</>;
  return (
    <AcceptRiskContext.Provider value={setRequest}>
      {children}
      {request ? (
        <AcceptRiskForm
          request={request}
          onClose={close}
          onSave={async (risk) => {
            await onAccept(risk);
            announce(`Risk accepted: ${risk.rule}`);
          }}
        />
      ) : null}
    </AcceptRiskContext.Provider>
  );
}
