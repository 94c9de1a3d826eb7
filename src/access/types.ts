/**
 * What the access pieces (first-run page, options section, popup button) need from the browser:
 * connector.ts asks the permissions API, tests pass their own implementation.
 */
export type AccessChoice = 'all' | 'chosen';

export interface AccessState {
  /** The first-run choice, or null before it was made. */
  choice: AccessChoice | null;
  /** Access to every site is granted. */
  everySite: boolean;
  /** Granted origins other than every site, e.g. "https://staging.example/*". */
  sites: string[];
}

export interface AccessActions {
  getAccess(): Promise<AccessState>;
  /** permissions.request for every site: must run in the click's own turn (user gesture). */
  chooseEverySite(): Promise<boolean>;
  /** Records "only sites I choose" and gives up every-site access (granted sites stay). */
  chooseSitesOnly(): Promise<void>;
  /** permissions.request for one origin ("https://a.example"), on a click. */
  requestSite(origin: string): Promise<boolean>;
  removeSite(pattern: string): Promise<void>;
}
