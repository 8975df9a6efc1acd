// Vite config for the web client. Root is web/; the build lands in web/dist, which the server
// serves on its own port. In dev, /api is proxied to the server (default http://127.0.0.1:8080).
// `--mode test-hooks` builds the browser tests' client into web/dist-test instead: the same app plus
// the hooks they read on window (src/testing/); a production build never contains them.
// The `test` block lets `npx vitest run --config web/vite.config.ts` run the client's pure-module tests.
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

const webRoot = fileURLToPath(new URL('.', import.meta.url))
const apiTarget = process.env.WANGGE_API ?? 'http://127.0.0.1:8080'

export default defineConfig(({ mode }) => ({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: mode === 'test-hooks' ? 'dist-test' : 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    sourcemap: false,
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  preview: {
    host: '127.0.0.1',
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  test: {
    name: 'web',
    root: webRoot,
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
}))
