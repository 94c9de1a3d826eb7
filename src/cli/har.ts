/** `cookie-audit --har FILE`: a HAR export audited offline, through the same engine as a live audit. */
import {
  harToSiteObservations,
  observationsForExport,
  type ReportWithWarnings,
  type UserSettings,
} from '../core/index.ts';
import { auditHar as auditHarObject } from '../library/audit.ts';
import { UsageError } from './errors.ts';
import { readJsonFile } from './json.ts';
import type { MergeableFields } from './merge.ts';

/** Offline: a HAR file through the same engine, settings and formats, with its warnings. */
export function auditHar(file: string, settings: UserSettings): ReportWithWarnings & MergeableFields {
  const har = readJsonFile(file, `--har ${file}`);
  // The library's auditHar: the same engine, wording and report as `import { auditHar } from 'cookie-audit'`.
  const report = auditHarObject(har, { settings });
  const first = report.warnings?.[0];
  if (report.sites.length === 0 && first?.startsWith('Not a HAR file')) {
    throw new UsageError(`--har ${file}: ${first}`);
  }
  // What merge needs to grade this report again together with others.
  return {
    ...report,
    observations: observationsForExport(harToSiteObservations(har, { now: Date.now() }).sites),
    settings,
  };
}
