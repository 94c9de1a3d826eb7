import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';
import sourceManifest from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };
import { EXTENSION_PAGES } from './src/pages.ts';

/** One version for the npm package and both extension builds: package.json's. */
const manifest = { ...sourceManifest, version: pkg.version };

/** Stable add-on id: Firefox keys storage and the moz-extension UUID mapping on it. */
export const GECKO_ID = 'cookie-audit@cookie-audit.dev';

/**
 * One manifest.json for every browser; the Firefox variant is derived here, not hand-copied:
 * an event-page background (`background.scripts`), a gecko id, no `incognito: split` (Firefox only
 * supports "spanning"), and the side panel as a sidebar (`sidebar_action`, toggled by Firefox's own
 * `_execute_sidebar_action` command) instead of Chrome's `side_panel` and `sidePanel` permission.
 */
export function firefoxManifest(base: typeof manifest) {
  const { incognito: _incognito, background, side_panel, commands, permissions, ...rest } = base;
  return {
    ...rest,
    permissions: permissions.filter((p) => p !== 'sidePanel'),
    sidebar_action: {
      default_panel: side_panel.default_path,
      default_title: 'Cookie Audit',
      default_icon: base.action.default_icon,
      open_at_install: false,
    },
    commands: {
      _execute_sidebar_action: {
        suggested_key: commands['open-side-panel'].suggested_key,
        description: commands['open-side-panel'].description,
      },
    },
    background: { scripts: [background.service_worker], type: background.type },
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        // 140: data_collection_permissions; also covers cookies.Cookie.partitionKey and storage.session.
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
      gecko_android: { strict_min_version: '142.0' },
    },
  };
}

/**
 * lessons.json also records where each text came from (the lessons it draws on, public references);
 * the extension never shows those, so they are left out of the bundle.
 */
function lessonProvenanceOut(): Plugin {
  return {
    name: 'cookie-audit:lesson-provenance-out',
    enforce: 'pre',
    transform(code, id) {
      if (!id.replace(/\\/g, '/').endsWith('/src/lessons/lessons.json')) return null;
      const lessons = JSON.parse(code) as Record<string, Record<string, unknown>>;
      for (const lesson of Object.values(lessons)) {
        delete lesson.lessons;
        delete lesson.references;
      }
      return { code: JSON.stringify(lessons), map: null };
    },
  };
}

export default defineConfig(({ mode }) => {
  const firefox = mode === 'firefox';
  const finalManifest = firefox ? firefoxManifest(manifest) : manifest;
  return {
    plugins: [
      lessonProvenanceOut(),
      preact(),
      crx({ manifest: finalManifest as never, browser: firefox ? 'firefox' : 'chrome' }),
    ],
    define: { __FIREFOX__: JSON.stringify(firefox) },
    // tldts' prebuilt file holds the Public Suffix List string once; bundling its sources let the
    // minifier copy that 68 KB string into three places (background 166 KB → 103 KB gzip).
    resolve: { alias: [{ find: /^tldts$/, replacement: 'tldts/dist/index.esm.min.js' }] },
    build: {
      outDir: firefox ? 'dist-firefox' : 'dist',
      emptyOutDir: true,
      sourcemap: false,
      target: 'es2022',
      rollupOptions: {
        // Pages the manifest does not name as HTML entries crxjs follows (or names only for one browser).
        input: {
          report: EXTENSION_PAGES.report,
          access: EXTENSION_PAGES.access,
          devtoolsPanel: EXTENSION_PAGES.devtoolsPanel,
          sidePanel: EXTENSION_PAGES.sidePanel,
        },
        // Our own modules run nothing on import but the entries and the styles, so a page that takes
        // one constant from src/core/index.ts does not load the whole engine (popup 96 → 24 KB gzip).
        // Packages keep their own sideEffects declarations.
        treeshake: {
          moduleSideEffects: (id: string) =>
            !id.replace(/\\/g, '/').includes('/src/') || /\.css($|\?)/.test(id),
        },
      },
    },
    // Only builds are used; a fixed port keeps crxjs's dev mode predictable when used by hand.
    server: { port: 5273, strictPort: true, hmr: { port: 5273 } },
  };
});
