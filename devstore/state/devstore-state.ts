/** Everything the devstore holds: its shops, the app it serves, issued tokens. */
import { type ShopState } from './shop-state';
import type { DevstoreEvent, DevstoreEventListener } from '../webhooks/events';

export interface AppCredentials {
  apiKey: string;
  apiSecret: string;
  /** Scopes the app asks for (shopify.app.toml); granted on token exchange. */
  scopes: string[];
}

export interface AccessTokenRecord {
  token: string;
  shop: string;
  scopes: string[];
  online: boolean;
  userId: number | null;
  expiresAt: number | null;
  refreshToken: string | null;
}

export class DevstoreState {
  readonly shops = new Map<string, ShopState>();
  readonly tokens = new Map<string, AccessTokenRecord>();
  readonly app: AppCredentials;
  /**
   * How long a file made by fileCreate stays PROCESSING before it is READY
   * (Shopify processes files asynchronously). 0, the default: READY at once.
   */
  fileProcessingMs = 0;
  readonly #listeners = new Set<DevstoreEventListener>();

  constructor(app: AppCredentials) {
    this.app = app;
  }

  /** Announces a change; webhook delivery (devstore/webhooks) listens. */
  publish(event: DevstoreEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  subscribe(listener: DevstoreEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  addShop(state: ShopState): ShopState {
    this.shops.set(state.shop.domain, state);
    return state;
  }

  shop(domain: string): ShopState | undefined {
    return this.shops.get(domain);
  }
}
