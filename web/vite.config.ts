import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The service serves the build at `/` (src/common/http/web-app.ts); `npm run dev -w web` proxies the API.
export default defineConfig({
  plugins: [react()],
  build: { target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 200 },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
