import { defineConfig } from 'vite';

// Built by `npm run build` (`vite build apps/dashboard`) into dist/dashboard, which the api serves at `/`.
export default defineConfig({
  base: '/',
  // `npm run dev:dashboard`: hot reload on :5173, data from the api of `npm run demo`.
  server: { proxy: { '/v1': 'http://127.0.0.1:3000' } },
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: '../../dist/dashboard',
    emptyOutDir: true,
    // Every asset is a file of the build (the CSP allows nothing inline, not even data: fonts).
    assetsInlineLimit: 0,
    sourcemap: true,
    target: 'es2022',
  },
});
