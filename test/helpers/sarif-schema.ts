/**
 * Validates SARIF logs against the SARIF 2.1.0 JSON schema shipped by @microsoft/jest-sarif
 * (lib/schemas/sarif-2.1.0-rtm.5.json, the schema the SARIF TC published for 2.1.0).
 *
 * The schema declares draft-04. Ajv 8 has no draft-04 class, but this schema uses none of the
 * keywords whose meaning changed after draft-04 (boolean exclusiveMinimum/exclusiveMaximum; `id` is
 * only used as the root's identifier and as property names): `assertDraft04Compatible` proves it on
 * the file itself, so compiling it with Ajv's draft-07 class (root `id` → `$id`) validates exactly
 * what a draft-04 validator would. JSON Schema patterns are ECMA-262 regexes without the `u` flag
 * (the schema's language pattern is not valid with it), hence `unicodeRegExp: false`.
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';

const require = createRequire(import.meta.url);
export const SARIF_SCHEMA_FILE = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Throws when the schema uses a keyword whose draft-04 meaning differs from draft-07. */
export function assertDraft04Compatible(schema: Json): void {
  const walk = (node: Json, inProperties: boolean): void => {
    if (Array.isArray(node)) {
      for (const n of node) walk(n, false);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (!inProperties && (key === 'exclusiveMinimum' || key === 'exclusiveMaximum')) {
        throw new Error(`draft-04 keyword ${key} found`);
      }
      // Keys directly under "properties"/"definitions" are names, not keywords.
      walk(value, !inProperties && (key === 'properties' || key === 'definitions'));
    }
  };
  walk(schema, false);
}

let validateFn: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null } = Object.assign(
  () => false,
  {},
);
let compiled = false;

export function loadSarifSchema(): Record<string, Json> {
  return JSON.parse(readFileSync(SARIF_SCHEMA_FILE, 'utf8')) as Record<string, Json>;
}

/** Errors of a SARIF log against the official schema (empty when valid). */
export function sarifSchemaErrors(log: unknown): ErrorObject[] {
  if (!compiled) {
    const schema = loadSarifSchema();
    if (!String(schema.$schema).includes('draft-04')) throw new Error('expected the draft-04 SARIF schema');
    assertDraft04Compatible(schema);
    const { $schema: _draft, id, ...rest } = schema;
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    const addFormats = addFormatsModule as unknown as (a: Ajv) => void;
    addFormats(ajv);
    validateFn = ajv.compile({ ...rest, $id: id as string });
    compiled = true;
  }
  return validateFn(log) ? [] : [...(validateFn.errors ?? [])];
}
