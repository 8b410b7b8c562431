/**
 * Session storage that seals access and refresh tokens before they reach the
 * database and opens them on the way out. A thin wrapper: the Prisma session
 * storage does the rest. Sessions sealed with an older key are re-sealed with
 * the current key the next time they are stored.
 */
import { Session } from '@shopify/shopify-api';
import type { SessionStorage } from '@shopify/shopify-app-session-storage';
import type { TokenCipher } from '../crypto/token-cipher.server.ts';

export class EncryptedSessionStorage implements SessionStorage {
  readonly #inner: SessionStorage;
  readonly #cipher: TokenCipher;

  constructor(inner: SessionStorage, cipher: TokenCipher) {
    this.#inner = inner;
    this.#cipher = cipher;
  }

  storeSession(session: Session): Promise<boolean> {
    const sealed = new Session(session.toObject());
    if (session.accessToken) sealed.accessToken = this.#cipher.encrypt(session.accessToken);
    if (session.refreshToken) sealed.refreshToken = this.#cipher.encrypt(session.refreshToken);
    return this.#inner.storeSession(sealed);
  }

  async loadSession(id: string): Promise<Session | undefined> {
    const stored = await this.#inner.loadSession(id);
    return stored && this.#open(stored);
  }

  deleteSession(id: string): Promise<boolean> {
    return this.#inner.deleteSession(id);
  }

  deleteSessions(ids: string[]): Promise<boolean> {
    return this.#inner.deleteSessions(ids);
  }

  async findSessionsByShop(shop: string): Promise<Session[]> {
    const sessions = await this.#inner.findSessionsByShop(shop);
    return sessions.map((session) => this.#open(session));
  }

  #open(stored: Session): Session {
    const session = new Session(stored.toObject());
    if (stored.accessToken) session.accessToken = this.#cipher.decrypt(stored.accessToken);
    if (stored.refreshToken) session.refreshToken = this.#cipher.decrypt(stored.refreshToken);
    return session;
  }
}
