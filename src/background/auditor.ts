/** Runs the engine over recorded observations, caching one audit per site revision. */

import type { AuditSettings, SiteAudit } from '../core/index.ts';
import { auditSite } from '../core/index.ts';
import { wording } from '../lessons/index.ts';
import type { Recorder } from './recorder.ts';
import { toSiteObservations } from './state.ts';

export class Auditor {
  private readonly cache = new Map<
    string,
    { revision: number; settingsRevision: number; audit: SiteAudit }
  >();
  private settings: Partial<AuditSettings> = {};
  private settingsRevision = 0;

  constructor(private readonly recorder: Recorder) {}

  setSettings(settings: Partial<AuditSettings>): void {
    this.settings = settings;
    this.settingsRevision++;
  }

  auditForOrigin(origin: string): SiteAudit | null {
    const site = this.recorder.state.sites[origin];
    if (!site) return null;
    const cached = this.cache.get(origin);
    if (cached && cached.revision === site.revision && cached.settingsRevision === this.settingsRevision) {
      return cached.audit;
    }
    const audit = auditSite(toSiteObservations(site), { ...this.settings, now: Date.now() }, wording);
    this.cache.set(origin, { revision: site.revision, settingsRevision: this.settingsRevision, audit });
    if (this.cache.size > 400) this.cache.delete(this.cache.keys().next().value as string);
    return audit;
  }

  auditForTab(tabId: number): SiteAudit | null {
    const origin = this.recorder.tab(tabId)?.origin;
    return origin ? this.auditForOrigin(origin) : null;
  }
}
