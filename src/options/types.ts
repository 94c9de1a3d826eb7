/**
 * What the options page needs from the outside world: connector.ts talks to the background,
 * test code passes its own implementation.
 */
import type { UserSettings } from '../core/index.ts';
import type { SettingsState } from '../messages.ts';

export interface OptionsActions {
  /** The settings in force, with the reasons stored ones were not usable (`get-settings`). */
  getSettings(): Promise<SettingsState>;
  /** Validates, saves to storage.sync and re-grades the open tabs (`set-settings`). */
  saveSettings(settings: UserSettings): Promise<SettingsState>;
}
