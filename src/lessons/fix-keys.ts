/**
 * The fix tabs: which frameworks have their own snippet, in which order, under which label. Apart
 * from the lesson texts so that the popup can load those only when an explanation is opened.
 */
import { FRAMEWORK_NAMES, FRAMEWORKS, type Framework } from '../core/index.ts';

/** Frameworks that have their own fix snippet; nextauth and unknown stacks get the generic one. */
export type FixKey = Exclude<Framework, 'nextauth'> | 'generic';

/** Display order of the fix tabs after the detected framework: the frameworks' order, then generic. */
export const FIX_KEYS: readonly FixKey[] = [
  ...FRAMEWORKS.filter((f): f is Exclude<Framework, 'nextauth'> => f !== 'nextauth'),
  'generic',
];

const { nextauth: _nextauthHasNoSnippet, ...SNIPPET_FRAMEWORK_NAMES } = FRAMEWORK_NAMES;

/** Human names for the fix tabs (the Spring snippets are Spring Boot properties). */
export const FIX_LABELS: Readonly<Record<FixKey, string>> = {
  ...SNIPPET_FRAMEWORK_NAMES,
  spring: 'Spring Boot',
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
