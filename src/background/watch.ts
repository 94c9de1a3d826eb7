/**
 * The listeners that cost the browser something on every request and cookie write of the profile are
 * registered only while they can see something: while a tab shows a site the user audits, or always
 * when every site is audited. Host access keeps other sites' events from reaching the worker, but not
 * the browser's work for them: it builds every cookie write's event before checking host access, and
 * checks every request against the extraHeaders listeners. Measured, the empty required listeners
 * cost a page of a site without access about 15 points of browser CPU more than holding the
 * permissions alone; with them removed, such a page costs what the webRequest permission costs.
 *
 * They are still added synchronously when the worker starts (an event that woke the worker must find
 * its listener), then dropped as soon as the open tabs are known and none is audited.
 */

/** The part of a browser event this needs (webRequest, cookies, ... events all have it). */
export interface RemovableEvent<L> {
  addListener(listener: L, ...extra: never[]): void;
  removeListener(listener: L): void;
}

interface Entry {
  event: RemovableEvent<never>;
  listener: never;
  extra: unknown[];
}

function attach(entry: Entry): void {
  (entry.event.addListener as (l: never, ...x: unknown[]) => void)(entry.listener, ...entry.extra);
}

export class OnDemandListeners {
  private readonly entries: Entry[] = [];
  private on = true;

  /** Registers a listener now and keeps it for later removal and re-adding. */
  add<L>(event: RemovableEvent<L>, listener: L, ...extra: unknown[]): void {
    const entry = { event, listener, extra } as unknown as Entry;
    this.entries.push(entry);
    if (this.on) attach(entry);
  }

  get active(): boolean {
    return this.on;
  }

  /** Adds or removes every listener; returns whether anything changed. */
  set(on: boolean): boolean {
    if (on === this.on) return false;
    this.on = on;
    for (const entry of this.entries) {
      if (on) attach(entry);
      else entry.event.removeListener(entry.listener);
    }
    return true;
  }
}

/** What a tab event says about a tab (URLs are present only for sites the extension may see). */
export interface TabLike {
  id?: number;
  url?: string;
  pendingUrl?: string;
}

/**
 * Which tabs show an audited site. A tab's pending URL counts as soon as a navigation to it starts,
 * so the listeners are back before most of that page's requests; its committed URL counts until it
 * is replaced.
 */
export class AuditedTabs {
  private readonly tabs = new Set<number>();

  constructor(private readonly allows: (url: string | undefined) => boolean) {}

  /** Updates one tab from what an event shows of it; returns whether it shows an audited site. */
  update(tabId: number, tab: TabLike): boolean {
    const audited = this.allows(tab.pendingUrl) || this.allows(tab.url);
    if (audited) this.tabs.add(tabId);
    else this.tabs.delete(tabId);
    return audited;
  }

  remove(tabId: number): void {
    this.tabs.delete(tabId);
  }

  /** Starts over from the list of every open tab. */
  reset(tabs: readonly TabLike[]): void {
    this.tabs.clear();
    for (const tab of tabs) if (tab.id !== undefined) this.update(tab.id, tab);
  }

  has(tabId: number): boolean {
    return this.tabs.has(tabId);
  }

  get size(): number {
    return this.tabs.size;
  }
}
