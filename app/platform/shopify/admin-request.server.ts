/**
 * The start of every admin loader and action that reads Shopify:
 * authenticate.admin, then the gateway for the shop's session. When Shopify
 * refuses the stored token (revoked, or rotated elsewhere) the session is
 * forgotten and the request retried the way Shopify's library does, so the
 * next attempt exchanges the session token for a fresh access token. When
 * Shopify stays unavailable the answer is 503, which the area's error
 * boundary explains.
 */
import { redirect } from '@remix-run/node';
import type { JwtPayload, Session } from '@shopify/shopify-api';
import { authenticate, sessionStorage } from '../../shopify.server';
import type { AdminGateway } from './admin-gateway.server';
import { AdminHttpError, AdminRetriesExhaustedError } from './errors';
import { gatewayFor } from './gateway.server';

export interface AdminContext {
  session: Session;
  gateway: AdminGateway;
  /** The request's session token, when App Bridge sent one (names the staff member: stewardActor). */
  sessionToken?: JwtPayload;
}

export async function withAdmin<T>(request: Request, work: (admin: AdminContext) => Promise<T>): Promise<T> {
  const { session, sessionToken } = await authenticate.admin(request);
  try {
    return await work({ session, gateway: gatewayFor(session), sessionToken });
  } catch (error) {
    if (error instanceof AdminHttpError && error.status === 401) {
      await sessionStorage.deleteSession(session.id);
      if (request.headers.has('Authorization')) {
        // App Bridge repeats the fetch with a new session token.
        throw new Response(undefined, { status: 401, headers: { 'X-Shopify-Retry-Invalid-Session-Request': '1' } });
      }
      throw redirect(request.url);
    }
    if (error instanceof AdminRetriesExhaustedError) throw new Response('Shopify unavailable', { status: 503 });
    throw error;
  }
}
