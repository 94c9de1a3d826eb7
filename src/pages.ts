/**
 * The extension's pages, by their path inside the built extension. manifest.json names the popup and
 * the options page (test/unit/pages.test.ts holds it to these), vite.config.ts builds the report
 * page from here, and the CLI and the tests open pages by these paths.
 */
export const EXTENSION_PAGES = {
  popup: 'src/popup/index.html',
  report: 'src/report/index.html',
  options: 'src/options/index.html',
  /** First-run choice of host access (opened on install). */
  access: 'src/access/index.html',
  /** The DevTools page (manifest devtools_page) and the panel it adds. */
  devtools: 'src/devtools/index.html',
  devtoolsPanel: 'src/devtools/panel.html',
  /** Chrome's side_panel.default_path; Firefox's sidebar_action.default_panel. */
  sidePanel: 'src/sidepanel/index.html',
} as const;
