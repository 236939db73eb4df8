// The workspace's build: served by the API's Fastify process under /app/ (see
// api/routes/workspace.ts), so every asset URL starts with /app/.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/app/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The first screen (sign-in, inbox) stays small; pages load on demand (lazy routes).
    chunkSizeWarningLimit: 1200,
  },
  server: {
    // `npx vite web` during development: the API on :3000 answers everything but /app/.
    proxy: { '^/(?!app/|@|src/|node_modules/).*': 'http://127.0.0.1:3000' },
  },
});
