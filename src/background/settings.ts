/**
 * The user's settings in the background: loaded from storage.sync and validated (a corrupt or old
 * value falls back to the defaults, with the reasons kept for the options page's notice — never a
 * crash), handed to the Auditor (which drops its cached audits, so the next look re-grades), and
 * followed through storage.onChanged so that a change from the options page, another device or the
 * CLI re-grades the open tabs.
 */
import {
  defaultUserSettings,
  listRules,
  type SettingsValidation,
  toAuditSettings,
  type UserSettings,
  validateSettings,
} from '../core/index.ts';
import type { SettingsState } from '../messages.ts';
import { browser } from '../platform/browser.ts';
import type { Auditor } from './auditor.ts';
import { isSettingsKey, readSettings, type SyncArea, writeSettings } from './settings-sync.ts';

export { SETTINGS_KEY } from './settings-sync.ts';

const sync = (): SyncArea => browser.storage.sync as unknown as SyncArea;

type StorageChanges = Record<string, { oldValue?: unknown; newValue?: unknown }>;

export class SettingsStore {
  private validation: SettingsValidation = { settings: defaultUserSettings(), problems: [] };
  private auditor: Auditor | null = null;

  get current(): UserSettings {
    return this.validation.settings;
  }

  state(): SettingsState {
    return {
      settings: this.validation.settings,
      problems: [...this.validation.problems],
      defaults: defaultUserSettings(),
      rules: listRules(),
    };
  }

  /** Reads storage.sync once and applies what it holds to the auditor. */
  async attach(auditor: Auditor): Promise<void> {
    this.auditor = auditor;
    let raw: unknown;
    try {
      raw = await readSettings(sync());
    } catch (error) {
      this.apply({
        settings: defaultUserSettings(),
        problems: [
          `Could not read the saved settings (${error instanceof Error ? error.message : String(error)}); using the defaults.`,
        ],
      });
      return;
    }
    this.apply(validateSettings(raw));
  }

  /** Validates and stores settings (from the options page or the CLI), and applies them at once. */
  async save(raw: unknown): Promise<SettingsState> {
    const result = validateSettings(raw);
    await writeSettings(sync(), result.settings);
    this.apply(result);
    return this.state();
  }

  /**
   * storage.onChanged: true when the settings changed (the caller repaints the badges). The settings
   * may span several items, so they are read back whole rather than taken from one change.
   */
  async onStorageChanged(changes: StorageChanges, area: string): Promise<boolean> {
    if (area !== 'sync' || !Object.keys(changes).some(isSettingsKey)) return false;
    let raw: unknown;
    try {
      raw = await readSettings(sync());
    } catch {
      return false;
    }
    const next = validateSettings(raw);
    if (JSON.stringify(next) === JSON.stringify(this.validation)) return false;
    this.apply(next);
    return true;
  }

  private apply(result: SettingsValidation): void {
    this.validation = result;
    if (result.problems.length > 0) {
      console.warn(`Cookie Audit: settings fell back to defaults: ${result.problems.join(' ')}`);
    }
    this.auditor?.setSettings(toAuditSettings(result.settings));
  }
}

/** The one store of the background (service worker or event page). */
export const settings = new SettingsStore();
