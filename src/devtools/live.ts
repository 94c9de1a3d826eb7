/**
 * The panels' side of the live port: connects, subscribes to a tab, and reconnects when the port
 * drops (the worker was stopped), asking for what came after the last entry it holds.
 */
import type { LiveMessage, LiveRequest } from '../messages.ts';

export interface LiveConnection {
  send(request: LiveRequest): void;
  close(): void;
}

/** How a page opens the port; tests pass their own (a mocked background). */
export type LiveConnect = (onMessage: (m: LiveMessage) => void, onDisconnect: () => void) => LiveConnection;

/**
 * Keeps one subscription alive: `afterSeq()` is asked at every (re)connect, so a page that already
 * holds entries 1..N gets N+1.. only. Returns a function that stops it.
 */
export function follow(
  connect: LiveConnect,
  tabId: number,
  afterSeq: () => number,
  onMessage: (m: LiveMessage) => void,
  onReconnect?: () => void,
  retryMs = 250,
  entries = true,
): () => void {
  let stopped = false;
  let connection: LiveConnection | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let attempts = 0;
  const open = () => {
    if (stopped) return;
    try {
      connection = connect(
        (m) => {
          attempts = 0;
          onMessage(m);
        },
        () => {
          connection = null;
          if (stopped) return;
          attempts++;
          onReconnect?.();
          timer = setTimeout(open, Math.min(retryMs * attempts, 5_000));
        },
      );
      connection.send({ type: 'subscribe', tabId, afterSeq: afterSeq(), ...(entries ? {} : { entries }) });
    } catch {
      attempts++;
      timer = setTimeout(open, Math.min(retryMs * attempts, 5_000));
    }
  };
  open();
  return () => {
    stopped = true;
    clearTimeout(timer);
    connection?.close();
  };
}
