/**
 * Bundle sizes (gzip) of what the browser loads for the popup and for the background, following
 * the built files' imports; and the storage used by the recorded state of 200 tabs on 200 sites.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { persistState, takePendingWrites } from '../src/background/persistence.ts';
import { Recorder } from '../src/background/recorder.ts';
import { emptyState } from '../src/background/state.ts';
import { DIST } from '../src/cli/paths.ts';
import { keyedHash } from '../src/core/index.ts';
import { EXTENSION_PAGES } from '../src/pages.ts';

export interface SizeBench {
  /** What the popup loads when it opens. */
  popupGzipKB: number;
  /** Loaded later, on demand: the lesson texts, the first time an explanation is opened. */
  popupOnDemandGzipKB: number;
  backgroundGzipKB: number;
  storageBytes200Tabs: number;
}

/**
 * All files reachable from the entry files through static imports (JS) and links (HTML); with
 * `dynamic`, through `import()` too.
 */
function closure(entries: string[], dynamic = false): string[] {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    const refs = file.endsWith('.html')
      ? [...text.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1])
      : file.endsWith('.js')
        ? [
            ...[...text.matchAll(/(?:import|from)\s*["']([^"']+\.js)["']/g)].map((m) => m[1]),
            ...(dynamic
              ? [...text.matchAll(/import\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g)].map((m) => m[1])
              : []),
          ]
        : [];
    for (const ref of refs) {
      const target = ref.startsWith('/') ? path.join(DIST, ref) : path.resolve(path.dirname(file), ref);
      queue.push(target);
    }
  }
  return [...seen].filter((f) => !f.endsWith('.html'));
}

const gzipKB = (files: string[]) =>
  +(files.reduce((sum, f) => sum + gzipSync(readFileSync(f), { level: 9 }).length, 0) / 1024).toFixed(1);

/** A realistic page: framework session + CSRF cookies, analytics, load balancer, a few app cookies. */
function realisticLines(i: number): string[] {
  const t = (n: number) => `${i.toString(36)}${'q7Zx9LmN2pR4tV6wY8aB'.repeat(8)}`.slice(0, n);
  return [
    `sessionid=${t(32)}; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=1209600`,
    `csrftoken=${t(64)}; Path=/; SameSite=Lax; Secure; Max-Age=31449600`,
    `_ga=GA1.1.${i}.1700000000; Path=/; Domain=.site${i}.example; Max-Age=63072000`,
    `_gid=GA1.1.${i * 3}.1700000000; Path=/; Domain=.site${i}.example; Max-Age=86400`,
    `AWSALB=${t(88)}; Path=/; Expires=Tue, 01 Dec 2026 10:00:00 GMT`,
    `AWSALBCORS=${t(88)}; Path=/; Expires=Tue, 01 Dec 2026 10:00:00 GMT; SameSite=None; Secure`,
    `theme=dark; Path=/; Max-Age=2592000`,
    `lang=en; Path=/`,
    `consent=${t(20)}; Path=/; Max-Age=31536000; Secure`,
    `remember_token=${t(40)}; Path=/; Secure; HttpOnly; Max-Age=2592000`,
  ];
}

export async function measureStorage200Tabs(): Promise<number> {
  let now = Date.UTC(2026, 10, 1);
  const recorder = new Recorder(
    emptyState(),
    (v) => keyedHash(v, 'k'.repeat(64)),
    () => now++,
  );
  for (let i = 0; i < 200; i++) {
    const url = `https://www.site${i}.example/`;
    recorder.onResponse({
      tabId: i + 1,
      requestId: `m${i}`,
      url,
      type: 'main_frame',
      statusCode: 200,
      responseHeaders: [
        ...realisticLines(i).map((value) => ({ name: 'Set-Cookie', value })),
        { name: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' },
      ],
    });
    for (let r = 0; r < 20; r++) {
      recorder.onResponse({
        tabId: i + 1,
        requestId: `s${i}-${r}`,
        url: `${url}api/${r}`,
        type: 'xmlhttprequest',
        statusCode: 200,
        responseHeaders: [
          {
            name: 'Set-Cookie',
            value: `sessionid=${r}${'x'.repeat(31)}; Path=/; HttpOnly; SameSite=Lax; Secure`,
          },
        ],
      });
    }
  }
  // Exactly what the worker writes to storage.session: persist into a store that only counts.
  const stored = new Map<string, number>();
  const store = {
    async set(items: Record<string, unknown>) {
      for (const [k, v] of Object.entries(items)) stored.set(k, k.length + JSON.stringify(v).length);
    },
    async remove(keys: string | string[]) {
      for (const k of Array.isArray(keys) ? keys : [keys]) stored.delete(k);
    },
  };
  await persistState(store, recorder, takePendingWrites(recorder));
  let bytes = 0;
  for (const size of stored.values()) bytes += size;
  return bytes;
}

export async function runSizeBench(): Promise<SizeBench> {
  const popupEntries = [path.join(DIST, EXTENSION_PAGES.popup)];
  const backgroundEntries = [path.join(DIST, 'service-worker-loader.js')];
  const popupEager = closure(popupEntries);
  const popupLater = closure(popupEntries, true).filter((f) => !popupEager.includes(f));
  return {
    popupGzipKB: gzipKB(popupEager),
    popupOnDemandGzipKB: gzipKB(popupLater),
    backgroundGzipKB: gzipKB(closure(backgroundEntries)),
    storageBytes200Tabs: await measureStorage200Tabs(),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await runSizeBench());
}
