/**
 * Who may talk to the background: only the extension's own pages (popup, options, report), never a
 * content script (same extension id, but a web page's URL), a web page or another extension.
 */
export interface SenderLike {
  id?: string;
  url?: string;
  tab?: { cookieStoreId?: string; incognito?: boolean };
}

export function isOwnPage(sender: SenderLike, extensionId: string, extensionOrigin: string): boolean {
  return (
    sender.id === extensionId && typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin)
  );
}

/**
 * The cookie store of the page that asks: an extension page opened in a Firefox private window or
 * container sees that store's sites only (undefined: the default store, or a popup, which asks by tab).
 */
export function senderStore(sender: SenderLike): string | undefined {
  if (sender.tab?.cookieStoreId) return sender.tab.cookieStoreId;
  return sender.tab?.incognito ? 'firefox-private' : undefined;
}
