/**
 * How many generated cases the fuzz and the costliest property tests run, picked by TEST_DEPTH:
 *
 * - `full`: the default, and what `npm test` (so CI) sets explicitly;
 * - `quick`: what `npm run check` sets, so the edit loop stays fast — the same properties on fewer cases;
 * - `deep`: what `npm run fuzz` sets, ten times `full` and more.
 *
 * Anything else is an error, so a typo cannot quietly shrink a run. The fuzz names its count in its
 * title, so the output shows which depth ran.
 */
export const DEPTHS = ['quick', 'full', 'deep'] as const;
export type Depth = (typeof DEPTHS)[number];

export function testDepth(env: NodeJS.ProcessEnv = process.env): Depth {
  const value = env.TEST_DEPTH ?? 'full';
  if ((DEPTHS as readonly string[]).includes(value)) return value as Depth;
  throw new Error(`TEST_DEPTH must be one of ${DEPTHS.join(', ')}, not ${JSON.stringify(value)}`);
}

/** The number of runs for the current depth. */
export function runsFor(counts: Record<Depth, number>, env: NodeJS.ProcessEnv = process.env): number {
  return counts[testDepth(env)];
}
