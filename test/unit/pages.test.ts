/** The extension's page paths are declared once (src/pages.ts): the manifest and the sources agree. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../src/cli/paths.ts';
import { EXTENSION_PAGES } from '../../src/pages.ts';

describe('extension pages', () => {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'manifest.json'), 'utf8'));

  it('manifest.json names the popup and the options page by the declared paths', () => {
    expect(manifest.action.default_popup).toBe(EXTENSION_PAGES.popup);
    expect(manifest.options_ui.page).toBe(EXTENSION_PAGES.options);
  });

  it('every declared page exists in the sources', () => {
    for (const page of Object.values(EXTENSION_PAGES))
      expect(existsSync(path.join(ROOT, page)), page).toBe(true);
  });
});
