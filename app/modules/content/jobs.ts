/** Content's job names (handlers in jobs.server.ts) and how often each is tried. */
export const CONTENT_JOBS = {
  /** Reads the catalogue's search listings and alt texts into ContentProduct. */
  scan: 'content.scan',
  /** Saves a batch of products' search listings and alt texts. */
  save: 'content.save',
} as const;

/** Tries of a content job (the queue backs off between them) before its scan or batch is marked failed. */
export const CONTENT_MAX_ATTEMPTS = 5;
