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
  // The browser's dependencies, found by scanning the routes and pre-bundled at
  // start-up. Discovering them on the first page load instead makes Vite
  // re-bundle and reload mid-load, which leaves two copies of React in the
  // embedded page (invalid hook calls).
  optimizeDeps: {
    entries: ['app/root.tsx', 'app/routes/**/*.tsx'],
    include: [
      'react',
      'react/jsx-runtime',
      'react/jsx-dev-runtime',
      'react-dom',
      'react-dom/client',
      '@remix-run/react',
      '@shopify/polaris',
      '@shopify/app-bridge-react',
      '@shopify/shopify-app-remix/react',
      'i18next',
      'react-i18next',
    ],
  },
}));
