/** Validates Cookie Audit JSON reports against docs/cookie-audit-report-1.schema.json (compiled once). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { ROOT } from '../../src/cli/paths.ts';

export const REPORT_SCHEMA_FILE = path.join(ROOT, 'docs/cookie-audit-report-1.schema.json');

let validate: ValidateFunction | undefined;

/** The schema errors of a report; empty when it is valid. */
export function reportSchemaErrors(report: unknown): ErrorObject[] {
  if (!validate) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    (addFormatsModule as unknown as (a: Ajv2020) => void)(ajv);
    validate = ajv.compile(JSON.parse(readFileSync(REPORT_SCHEMA_FILE, 'utf8')));
  }
  return validate(report) ? [] : [...(validate.errors ?? [])];
}
