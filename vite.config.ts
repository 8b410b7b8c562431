import { vitePlugin as remix } from '@remix-run/dev';
import { defineConfig } from 'vite';
import remixConfig from './remix.config.js';

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [remix(remixConfig)],
  resolve: { alias: { '~': new URL('./app', import.meta.url).pathname } },
  server: {
    // Shopify admin loads the app through a tunnel or the devstore shell.
    allowedHosts: true,
    // The Shopify CLI picks the HMR port when it runs the app (npm run dev:shopify).
    hmr: process.env.HMR_SERVER_PORT ? { port: Number(process.env.HMR_SERVER_PORT) } : undefined,
  },
  build: { assetsInlineLimit: 0, target: isSsrBuild ? 'node22' : 'es2022' },
  optimizeDeps: { include: ['@shopify/app-bridge-react', '@shopify/polaris'] },
}));
