/**
 * `import { … } from 'cookie-audit'`: the audit engine (pure, the one the extension and the CLI run)
 * plus ready-wired audits that word findings with the lessons, as the CLI does. See docs/api.md.
 */
export * from './core/index.ts';
export type { Lesson } from './lessons/index.ts';
export { lessonFor, wording } from './lessons/index.ts';
export {
  auditHar,
  auditObservations,
  auditSites,
  formatReport,
  type LibraryAuditOptions,
  resolveSettings,
  SettingsError,
} from './library/audit.ts';
export { VERSION } from './library/version.ts';
