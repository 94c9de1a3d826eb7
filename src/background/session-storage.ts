/**
 * This worker's storage.session: its own keys (Chrome's incognito worker shares the area, see
 * context-area.ts), and the recorded state and timeline as JSON text (see stored-json.ts).
 */
import { browser } from '../platform/browser.ts';
import { contextArea } from './context-area.ts';
import { jsonTextArea } from './stored-json.ts';

/** Whether this worker serves Chrome's incognito windows (split mode: a worker of their own). */
export const IN_INCOGNITO_WORKER = browser.extension?.inIncognitoContext === true;
/** This worker's own part of storage.session. */
export const sessionArea = contextArea(browser.storage.session, IN_INCOGNITO_WORKER);
/** Where the recorded state and the timeline live. */
export const recordedArea = jsonTextArea(sessionArea);
