/** The shapes the activity page receives from its loader (plain JSON). */
import type { ActivityDetails } from './sentence';

export interface ActivityLink {
  href: string;
  /** Shopify admin: opened in the admin's own window, outside the app's frame. */
  external: boolean;
}

export interface ActivityView {
  id: string;
  occurredAt: string;
  actor: { type: string; id: string | null; name: string | null };
  verb: string;
  resource: { type: string; id: string | null; title: string | null };
  summary: string;
  details: ActivityDetails | null;
  source: string;
  link: ActivityLink | null;
}
