/**
 * Remix options, in one place. vite.config.ts passes them to the Remix Vite
 * plugin. Every v3 future flag is on (the move to React Router 7 is then a
 * codemod); docs/decisions/001-remix-vite-with-remix-config.md.
 * @type {import('@remix-run/dev').VitePluginConfig}
 */
export default {
  appDirectory: 'app',
  buildDirectory: 'build',
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
    v3_routeConfig: true,
  },
};
