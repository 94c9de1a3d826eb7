/** The real options actions: typed messages to the background through the platform adapter. */
import type { UserSettings } from '../core/index.ts';
import { sendRequest } from '../platform/browser.ts';
import type { OptionsActions } from './types.ts';

export class OptionsConnector implements OptionsActions {
  getSettings() {
    return sendRequest({ type: 'get-settings' });
  }

  saveSettings(settings: UserSettings) {
    return sendRequest({ type: 'set-settings', settings });
  }
}
