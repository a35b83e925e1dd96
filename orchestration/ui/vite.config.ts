import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Built into dist/ and served by `voyager ui`; `/static` keeps bundle files clear of the
// app's own `/assets` route. `voyager-source` resolves @voyager/orchestration/ui-api to its
// TypeScript source (the zod schemas the server uses).
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['voyager-source', 'browser', 'module', 'import', 'default'] },
  build: { assetsDir: 'static', outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 3000 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
