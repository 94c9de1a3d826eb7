/**
 * The fix tabs: which frameworks have their own snippet, in which order, under which label. Apart
 * from the lesson texts so that the popup can load those only when an explanation is opened.
 */
import type { Framework } from '../core/types.ts';

/** Frameworks that have their own fix snippet; nextauth and unknown stacks get the generic one. */
export type FixKey =
  | 'django'
  | 'flask'
  | 'express'
  | 'php'
  | 'rails'
  | 'laravel'
  | 'spring'
  | 'aspnet'
  | 'generic';

/** Display order of the fix tabs after the detected framework. */
export const FIX_KEYS: readonly FixKey[] = [
  'django',
  'flask',
  'express',
  'php',
  'rails',
  'laravel',
  'spring',
  'aspnet',
  'generic',
];

/** Human names for the fix tabs. */
export const FIX_LABELS: Readonly<Record<FixKey, string>> = {
  django: 'Django',
  flask: 'Flask',
  express: 'Express',
  php: 'PHP',
  rails: 'Rails',
  laravel: 'Laravel',
  spring: 'Spring Boot',
  aspnet: 'ASP.NET Core',
  generic: 'Set-Cookie / server',
};

/** The fix key for a detected framework: its own when there is one, else generic. */
export function fixKeyFor(framework: Framework | 'generic' | null | undefined): FixKey {
  return framework && (FIX_KEYS as readonly string[]).includes(framework) ? (framework as FixKey) : 'generic';
}

/** Fix keys with the detected framework first, then the others in their usual order. */
export function orderedFixKeys(framework: Framework | 'generic' | null | undefined): FixKey[] {
  const first = fixKeyFor(framework);
  return [first, ...FIX_KEYS.filter((k) => k !== first)];
}
