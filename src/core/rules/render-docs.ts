/**
 * Renders docs/rules.md from the registry (pure; test/unit/core/rules/rules-doc.test.ts compares the
 * file with it; `npm run gen` rewrites it).
 */
import { PENALTIES } from '../scoring.ts';
import type { Severity } from '../types.ts';
import { RULES } from './index.ts';

const ORDER: readonly Severity[] = ['high', 'medium', 'low', 'info'];

const VALUE_FORMATS: readonly [string, string][] = [
  ['empty', 'no value'],
  ['numeric', 'digits only (counters, timestamps, plain ids)'],
  ['hex', 'hexadecimal'],
  ['uuid', 'a UUID'],
  ['opaque', 'a random-looking token'],
  ['base64', 'standard base64 that does not decode to JSON'],
  ['jwt', 'a signed JWT (JWS); payload readable, key names listed'],
  ['jwt-unsigned', 'a JWT with `alg: none` or no signature: forgeable'],
  ['jwe', 'an encrypted JWT (NextAuth / Auth.js session)'],
  ['flask-signed', 'itsdangerous `payload.timestamp.signature` (Flask session): readable, signed'],
  ['django-signed', 'django.core.signing `payload:timestamp:signature`: readable, signed'],
  ['express-signed', 'express-session `s:id.signature`'],
  [
    'cookie-session',
    'base64 JSON (Express cookie-session): readable; signed only with a `<name>.sig` companion',
  ],
  ['rails-encrypted', 'ActiveSupport MessageEncryptor `data--iv--tag`'],
  ['rails-signed', 'ActiveSupport MessageVerifier `data--digest`: readable, signed'],
  ['laravel-encrypted', 'Laravel Encrypter base64 `{"iv","value","mac"}`'],
  ['json', 'plain JSON (URL-decoded): readable and forgeable'],
  ['text', 'anything else (words, short values)'],
];

function penalties(id: string): string {
  const row = PENALTIES[id] ?? {};
  const parts = ORDER.filter((s) => row[s] !== undefined).map((s) => `${s} −${row[s]}`);
  return parts.join(', ').replace(/−0/g, '0');
}

const GROUPS: { title: string; test: (id: string, scope: string) => boolean }[] = [
  { title: 'Session cookies', test: (id) => id.startsWith('session-') || id === 'identity-in-plain-cookie' },
  { title: 'Anti-CSRF cookies', test: (id) => id.startsWith('csrf-') },
  { title: 'Any cookie', test: (_id, scope) => scope === 'cookie' },
  { title: 'Site', test: () => true },
];

export function renderRulesMarkdown(): string {
  const lines: string[] = [
    '# Rule catalog',
    '',
    '<!-- Generated from src/core/rules/index.ts by renderRulesMarkdown() (src/core/rules/render-docs.ts).',
    '     Do not edit by hand: run `npm run gen`. -->',
    '',
    'Rule ids are public API: reports, ignore lists (`disabledRules`, `severityOverrides`) and CI configs',
    'use them. `cookie-audit --rules [--format json]` prints the same list. Each rule lives in',
    '`src/core/rules/<id>.ts`; its lesson (explanation and per-framework fix) is the entry `<id>` of',
    '`src/lessons/lessons.json`. Penalties are the points the rule costs when it fires at that severity',
    '(see [scoring.md](scoring.md)); a rule that can fire at several severities lists each.',
    '',
    'Deletion cookies (`Max-Age<=0`, past `Expires`), names on the ignore list and nameless cookies',
    '(apart from the rules marked "nameless too") get no findings. Third-party cookies are reported but',
    'never scored. On `localhost` and loopback addresses every finding says that it matters in',
    'production.',
    '',
  ];
  const done = new Set<string>();
  for (const g of GROUPS) {
    const rules = RULES.filter((r) => !done.has(r.id) && g.test(r.id, r.scope));
    if (rules.length === 0) continue;
    lines.push(`## ${g.title}`, '');
    lines.push('| Rule id | Default severity | Scope | Title | Penalties |');
    lines.push('|---|---|---|---|---|');
    for (const r of rules) {
      done.add(r.id);
      const scope = r.scope === 'cookie' && r.appliesToNameless ? 'cookie (nameless too)' : r.scope;
      lines.push(`| \`${r.id}\` | ${r.defaultSeverity} | ${scope} | ${r.title} | ${penalties(r.id)} |`);
    }
    lines.push('');
  }
  lines.push(`${RULES.length} rules.`, '');
  lines.push(
    '## Value formats',
    '',
    'Values are never kept: `analyzeValue` reduces each one to its length, an entropy estimate and one',
    'of these formats (plus, for readable formats, the key names of the payload, never their values).',
    '',
    '| Format | Meaning |',
    '|---|---|',
    ...VALUE_FORMATS.map(([f, m]) => `| \`${f}\` | ${m} |`),
    '',
  );
  return lines.join('\n');
}
