/** Reads the cookie jar of a tab's page: its cookies and the partitioned (CHIPS) cookies of its site. */
import type { JarCookie } from '../core/index.ts';
import { browser } from '../platform/browser.ts';
import { siteOf } from './recorder.ts';

/** What a jar read needs to know about the tab: its page and (Firefox containers) its cookie store. */
export interface JarTab {
  url?: string | null;
  storeId?: string;
}

/** The partition key of a page's partitioned cookies: scheme and registrable domain, no port. */
export function topLevelSiteOf(url: string): string {
  const page = new URL(url);
  return `${page.protocol}//${siteOf(page.hostname)}`;
}

/** Jar reads under way (the CLI waits for them before it takes a page's audit). */
let readsInFlight = 0;

/** A jar re-read is scheduled or running: what the background holds is about to change. */
export function jarWorkPending(): boolean {
  return readsInFlight > 0 || refreshBatch !== undefined;
}

export async function readJar(tab: JarTab | undefined): Promise<JarCookie[]> {
  readsInFlight++;
  try {
    return await readJarNow(tab);
  } finally {
    readsInFlight--;
  }
}

async function readJarNow(tab: JarTab | undefined): Promise<JarCookie[]> {
  if (!tab?.url) return [];
  const details: { url: string; storeId?: string } = { url: tab.url };
  if (tab.storeId) details.storeId = tab.storeId;
  const cookies = (await browser.cookies.getAll(details)) as JarCookie[];
  // Partitioned (CHIPS) cookies only come back when a partition key is given. The key is the top-level
  // site (scheme and registrable domain, no port); every domain's cookies in that partition count,
  // so third-party frames' partitioned cookies are seen too.
  try {
    const topLevelSite = topLevelSiteOf(tab.url);
    const partitioned = (await browser.cookies.getAll({
      ...(tab.storeId ? { storeId: tab.storeId } : {}),
      partitionKey: { topLevelSite },
    } as never)) as JarCookie[];
    for (const c of partitioned)
      if (c.partitionKey && !cookies.some((k) => sameCookie(k, c))) cookies.push(c);
  } catch {
    // Browser without partitionKey support.
  }
  return cookies;
}

/** Same cookie: a partitioned cookie and an unpartitioned one of the same name are two cookies. */
function sameCookie(a: JarCookie, b: JarCookie): boolean {
  return (
    a.name === b.name &&
    a.domain === b.domain &&
    a.path === b.path &&
    (a.partitionKey?.topLevelSite ?? '') === (b.partitionKey?.topLevelSite ?? '')
  );
}

let refreshBatch: Set<number> | undefined;

/**
 * cookies.onChanged fires once per cookie write: the affected tabs' jars are re-read once, 300 ms
 * after the first change of a burst, instead of once per cookie.
 */
export function refreshJarsSoon(tabs: Iterable<number>, refresh: (tabId: number) => void): void {
  if (!refreshBatch) {
    refreshBatch = new Set();
    setTimeout(() => {
      const batch = refreshBatch ?? new Set<number>();
      refreshBatch = undefined;
      for (const tabId of batch) refresh(tabId);
    }, 300);
  }
  for (const tabId of tabs) refreshBatch.add(tabId);
}
