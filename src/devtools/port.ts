/** The live port to the background (kept apart so that components run without the extension). */

import type { LiveMessage } from '../messages.ts';
import { LIVE_PORT } from '../messages.ts';
import { browser } from '../platform/browser.ts';
import type { LiveConnect } from './live.ts';

export const connectLive: LiveConnect = (onMessage, onDisconnect) => {
  const port = browser.runtime.connect({ name: LIVE_PORT });
  port.onMessage.addListener((m: unknown) => onMessage(m as LiveMessage));
  port.onDisconnect.addListener(() => onDisconnect());
  return {
    send: (request) => port.postMessage(request),
    close: () => port.disconnect(),
  };
};
