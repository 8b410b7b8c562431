/**
 * `npm run bench:studio`: the Studio's image pipeline, speed and memory
 * (studio-speed.ts), then quality: background removal and colour correction
 * against known answers (studio-quality.ts). Each part also runs alone with `npx vite-node bench/<part>.ts`;
 * imported one after the other so their figures don't compete for the CPU.
 */
export {};

await import('./studio-speed');
await import('./studio-quality');
