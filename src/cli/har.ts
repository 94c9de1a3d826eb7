/** `cookie-audit --har FILE`: a HAR export audited offline, through the same engine as a live audit. */
import { readFileSync } from 'node:fs';
import {
  auditSite,
  buildReport,
  harToSiteObservations,
  type ReportWithWarnings,
  toAuditSettings,
  type UserSettings,
  withWarnings,
} from '../core/index.ts';
import { wording } from '../lessons/index.ts';
import { UsageError } from './errors.ts';
import { parseJsonFile } from './json.ts';
import type { MergeableFields } from './merge.ts';
import { packageVersion } from './paths.ts';

/** Offline: a HAR file through the same engine, settings and formats, with its warnings. */
export function auditHar(file: string, settings: UserSettings): ReportWithWarnings & MergeableFields {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`Cannot read --har ${file}${code ? ` (${code})` : ''}`);
  }
  const har = parseJsonFile(text, `--har ${file}`);
  const { sites, warnings } = harToSiteObservations(har, { now: Date.now() });
  if (sites.length === 0 && warnings.length > 0 && warnings[0].startsWith('Not a HAR file')) {
    throw new UsageError(`--har ${file}: ${warnings[0]}`);
  }
  const audits = sites.map((obs) => auditSite(obs, toAuditSettings(settings), wording));
  const report = buildReport(audits, { version: packageVersion(), createdAt: new Date().toISOString() });
  // What merge needs to grade this report again together with others.
  return { ...withWarnings(report, warnings), observations: sites, settings };
}
