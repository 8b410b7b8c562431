/**
 * Shopify's OAuth endpoint, POST /admin/oauth/access_token, for the three
 * grants Steward's library uses:
 * - token exchange: a session token (HS256 JWT signed with the app's secret,
 *   `dest` = the shop, `aud` = the client id) → an offline or online token;
 * - authorization code (from GET /admin/oauth/authorize);
 * - refresh token, for expiring offline tokens.
 * Wrong client credentials → 401 invalid_client; a bad subject token → 400
 * invalid_subject_token, as Shopify answers.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AccessTokenRecord, DevstoreState } from './state/devstore-state';

export const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const OFFLINE_TOKEN = 'urn:shopify:params:oauth:token-type:offline-access-token';
export const ONLINE_TOKEN = 'urn:shopify:params:oauth:token-type:online-access-token';
const ACCESS_TOKEN_TTL_S = 60 * 60;
const REFRESH_TOKEN_TTL_S = 90 * 24 * 60 * 60;
const ONLINE_TOKEN_TTL_S = 24 * 60 * 60;

export interface OAuthAnswer {
  status: number;
  body: Record<string, unknown>;
}

const fail = (status: number, error: string, description?: string): OAuthAnswer => ({
  status,
  body: { error, ...(description ? { error_description: description } : {}) },
});

function safeEqual(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface SessionTokenClaims {
  iss: string;
  dest: string;
  aud: string;
  sub?: string;
  exp: number;
  nbf: number;
  iat: number;
  jti?: string;
  sid?: string;
}

/** Verifies an HS256 session token; returns its claims or why it is refused. */
export function verifySessionToken(
  token: string,
  secret: string,
  clientId: string,
  now = Date.now(),
): SessionTokenClaims | string {
  const parts = token.split('.');
  if (parts.length !== 3) return 'malformed token';
  const [header, payload, signature] = parts as [string, string, string];
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  if (!safeEqual(expected, signature)) return 'signature does not verify';
  let claims: SessionTokenClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as SessionTokenClaims;
  } catch {
    return 'malformed payload';
  }
  const seconds = Math.floor(now / 1000);
  if (typeof claims.exp !== 'number' || typeof claims.nbf !== 'number') return 'token has no exp or nbf';
  if (claims.exp < seconds - 5) return 'token expired';
  if (claims.nbf > seconds + 5) return 'token not yet valid';
  if (typeof claims.dest !== 'string' || !URL.canParse(claims.dest)) return 'token has no valid dest';
  if (claims.aud !== clientId) return 'token is for another app';
  return claims;
}

function issue(
  devstore: DevstoreState,
  shop: string,
  record: Omit<AccessTokenRecord, 'token' | 'shop'>,
): AccessTokenRecord {
  const token: AccessTokenRecord = { token: `shpat_${randomBytes(16).toString('hex')}`, shop, ...record };
  devstore.tokens.set(token.token, token);
  return token;
}

function offlineAnswer(devstore: DevstoreState, shop: string, expiring: boolean): OAuthAnswer {
  const now = Date.now();
  const state = devstore.shop(shop);
  const scopes = devstore.app.scopes;
  if (state) state.grantedScopes = [...scopes];
  const token = issue(devstore, shop, {
    scopes,
    online: false,
    userId: null,
    expiresAt: expiring ? now + ACCESS_TOKEN_TTL_S * 1000 : null,
    refreshToken: expiring ? `shprt_${randomBytes(16).toString('hex')}` : null,
  });
  return {
    status: 200,
    body: {
      access_token: token.token,
      scope: scopes.join(','),
      ...(expiring
        ? {
            expires_in: ACCESS_TOKEN_TTL_S,
            refresh_token: token.refreshToken,
            refresh_token_expires_in: REFRESH_TOKEN_TTL_S,
          }
        : {}),
    },
  };
}

function onlineAnswer(devstore: DevstoreState, shop: string, userId: number): OAuthAnswer {
  const state = devstore.shop(shop);
  const staff = state?.staff.get(userId) ?? [...(state?.staff.values() ?? [])].find((member) => member.isShopOwner);
  const token = issue(devstore, shop, {
    scopes: devstore.app.scopes,
    online: true,
    userId,
    expiresAt: Date.now() + ONLINE_TOKEN_TTL_S * 1000,
    refreshToken: null,
  });
  return {
    status: 200,
    body: {
      access_token: token.token,
      scope: devstore.app.scopes.join(','),
      expires_in: ONLINE_TOKEN_TTL_S,
      associated_user_scope: devstore.app.scopes.join(','),
      associated_user: {
        id: staff?.id ?? userId,
        first_name: staff?.firstName ?? 'Staff',
        last_name: staff?.lastName ?? 'Member',
        email: staff?.email ?? `staff-${userId}@${shop}`,
        email_verified: true,
        account_owner: staff?.isShopOwner ?? false,
        locale: staff?.locale ?? 'en',
        collaborator: false,
      },
    },
  };
}

const isExpiring = (value: unknown) => value === '1' || value === 1 || value === true;

/** Authorization codes issued by /admin/oauth/authorize: single use, one minute, per devstore. */
const codesByDevstore = new WeakMap<DevstoreState, Map<string, { shop: string; expiresAt: number }>>();
function codesOf(devstore: DevstoreState) {
  let codes = codesByDevstore.get(devstore);
  if (!codes) codesByDevstore.set(devstore, (codes = new Map()));
  return codes;
}

export function issueAuthorizationCode(devstore: DevstoreState, shop: string): string {
  const codes = codesOf(devstore);
  const now = Date.now();
  for (const [code, issued] of codes) if (issued.expiresAt < now) codes.delete(code);
  const code = randomBytes(16).toString('hex');
  codes.set(code, { shop, expiresAt: now + 60_000 });
  return code;
}

export function accessTokenAnswer(devstore: DevstoreState, shop: string, body: Record<string, unknown>): OAuthAnswer {
  // Shopify only mints session tokens for shops that installed the app; a token for
  // any other shop is as good as forged.
  if (!devstore.shop(shop)) return fail(400, 'invalid_subject_token', `The app is not installed on ${shop}`);
  const clientId = String(body.client_id ?? '');
  const clientSecret = String(body.client_secret ?? '');
  if (!safeEqual(clientId, devstore.app.apiKey) || !safeEqual(clientSecret, devstore.app.apiSecret)) {
    return fail(401, 'invalid_client', 'Client authentication failed: wrong client id or secret');
  }
  const grant = String(body.grant_type ?? (body.code ? 'authorization_code' : ''));

  if (grant === TOKEN_EXCHANGE) {
    const claims = verifySessionToken(String(body.subject_token ?? ''), devstore.app.apiSecret, devstore.app.apiKey);
    if (typeof claims === 'string') return fail(400, 'invalid_subject_token', claims);
    if (new URL(claims.dest).host !== shop) return fail(400, 'invalid_subject_token', 'token is for another shop');
    if (body.requested_token_type === ONLINE_TOKEN) return onlineAnswer(devstore, shop, Number(claims.sub ?? 0));
    if (body.requested_token_type !== OFFLINE_TOKEN)
      return fail(400, 'invalid_request', 'unknown requested_token_type');
    return offlineAnswer(devstore, shop, isExpiring(body.expiring));
  }

  if (grant === 'authorization_code') {
    const codes = codesOf(devstore);
    const issued = codes.get(String(body.code ?? ''));
    codes.delete(String(body.code ?? ''));
    if (!issued || issued.shop !== shop || issued.expiresAt < Date.now())
      return fail(400, 'invalid_grant', 'authorization code is invalid or expired');
    return offlineAnswer(devstore, shop, isExpiring(body.expiring));
  }

  if (grant === 'refresh_token') {
    const presented = String(body.refresh_token ?? '');
    const previous = [...devstore.tokens.values()].find(
      (token) => token.refreshToken === presented && token.shop === shop,
    );
    if (!previous) return fail(400, 'invalid_grant', 'refresh token is invalid');
    devstore.tokens.delete(previous.token);
    return offlineAnswer(devstore, shop, true);
  }
  return fail(400, 'unsupported_grant_type');
}

/** The token record an Admin API request presents, if it is valid for the shop. */
export function authorize(
  devstore: DevstoreState,
  shop: string,
  presented: string | undefined,
): AccessTokenRecord | null {
  if (!presented) return null;
  const token = devstore.tokens.get(presented);
  if (!token || token.shop !== shop) return null;
  if (token.expiresAt !== null && token.expiresAt < Date.now()) return null;
  return token;
}

/** Grants a token directly (tests, benchmarks and the dev command seed their own). */
export function grantToken(devstore: DevstoreState, shop: string, token?: string): string {
  const state = devstore.shop(shop);
  if (state) state.grantedScopes = [...devstore.app.scopes];
  const record = token
    ? { token, shop, scopes: devstore.app.scopes, online: false, userId: null, expiresAt: null, refreshToken: null }
    : issue(devstore, shop, {
        scopes: devstore.app.scopes,
        online: false,
        userId: null,
        expiresAt: null,
        refreshToken: null,
      });
  devstore.tokens.set(record.token, record);
  return record.token;
}
