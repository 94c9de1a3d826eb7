/**
 * `--shard K/N`: the K-th of N contiguous, nearly equal parts of the URL list after discovery, the
 * way Playwright shards tests. Deterministic: the same list gives every machine the same part, and
 * the N parts together are the list, each URL exactly once.
 */
import { UsageError } from './reach-common.ts';

export interface Shard {
  index: number;
  total: number;
}

export function parseShard(text: string): Shard {
  const m = /^(\d{1,6})\/(\d{1,6})$/.exec(text.trim());
  if (!m) throw new UsageError(`--shard wants K/N (for example 2/3), not "${text}"`);
  const index = Number(m[1]);
  const total = Number(m[2]);
  if (total < 1 || index < 1 || index > total) {
    throw new UsageError(`--shard ${text}: K must be between 1 and N`);
  }
  return { index, total };
}

export function shardOf<T>(items: readonly T[], shard: Shard): T[] {
  const from = Math.floor(((shard.index - 1) * items.length) / shard.total);
  const to = Math.floor((shard.index * items.length) / shard.total);
  return items.slice(from, to);
}
