import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };

// One manifest for every browser; browser-specific keys are derived here, not hand-copied.
export default defineConfig(({ mode }) => {
  const firefox = mode === 'firefox';
  return {
    plugins: [preact(), crx({ manifest: manifest as never, browser: firefox ? 'firefox' : 'chrome' })],
    define: { __FIREFOX__: JSON.stringify(firefox) },
    build: {
      outDir: firefox ? 'dist-firefox' : 'dist',
      emptyOutDir: true,
      sourcemap: false,
      target: 'es2022',
      rollupOptions: { input: { report: 'src/popup/report.html' } },
    },
    // No dev-server use in tests; a fixed port keeps crxjs's dev mode predictable when used by hand.
    server: { port: 5273, strictPort: true, hmr: { port: 5273 } },
  };
});
