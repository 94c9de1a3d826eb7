/**
 * The one place that touches webextension-polyfill. Everything else imports `browser` and the typed
 * messaging helpers from here, so a browser difference is handled once.
 */
import browser from 'webextension-polyfill';
import type { Reply, RequestOf, RequestType } from '../messages.ts';

export type { Cookies, Runtime, Storage, Tabs, WebRequest } from 'webextension-polyfill';
export { browser };

declare const __FIREFOX__: boolean;
/** Compile-time flag set by vite.config.ts (`--mode firefox`). */
export const IS_FIREFOX: boolean = typeof __FIREFOX__ !== 'undefined' && __FIREFOX__;

/** Send a typed request to the background and unwrap its reply; errors become exceptions here only. */
export async function sendRequest<T extends RequestType>(
  request: RequestOf<T>,
): Promise<import('../messages.ts').ResponseMap[T]> {
  const reply = (await browser.runtime.sendMessage(request)) as Reply<T> | undefined;
  if (!reply) throw new Error(`No reply from the background to "${request.type}"`);
  if (!reply.ok) throw new Error(reply.error);
  return reply.data;
}
