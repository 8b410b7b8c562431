/**
 * What the studio's routes share: the save context of a request (its shop,
 * gateway and staff member), the image a route's path names, and a
 * StudioError as an answer ({ code, message } with its status) instead of a
 * 500.
 */
import { data } from '@remix-run/node';
import { z } from 'zod';
import { stewardActor } from '~/modules/activity/record.server';
import type { AdminContext } from '~/platform/shopify/admin-request.server';
import { mediaImageGid, productGid } from './components/browser-url';
import { StudioError, studioErrorStatus, type StudioErrorCode } from './errors';
import type { StudioContext } from './save.server';

export function studioContext({ session, gateway, sessionToken }: AdminContext): StudioContext {
  return { gateway, shop: session.shop, actor: stewardActor(session, sessionToken) };
}

const numericId = z.string().regex(/^\d{1,20}$/);

/** The product and media gids of a path's numeric :productId and :mediaId; 404 when they are not ids. */
export function imageParams(params: Record<string, string | undefined>): { productId: string; mediaId: string } {
  const productId = numericId.safeParse(params.productId);
  const mediaId = numericId.safeParse(params.mediaId);
  if (!productId.success || !mediaId.success) throw data({ code: 'not-found' }, { status: 404 });
  return { productId: productGid(productId.data), mediaId: mediaImageGid(mediaId.data) };
}

export interface StudioFailure {
  ok: false;
  code: StudioErrorCode;
  message: string;
}

/** A StudioError as an action's answer; anything else is thrown on. */
export function studioFailure(error: unknown) {
  if (!(error instanceof StudioError)) throw error;
  const failure: StudioFailure = { ok: false, code: error.code, message: error.message };
  return data(failure, { status: studioErrorStatus(error) });
}

/** A StudioError thrown as a loader's answer, for the route's ErrorBoundary; anything else is thrown on. */
export function throwStudioError(error: unknown): never {
  if (!(error instanceof StudioError)) throw error;
  throw data({ code: error.code, message: error.message }, { status: studioErrorStatus(error) });
}

/** A StudioError as a resource route's JSON Response; anything else is thrown on. */
export function studioFailureResponse(error: unknown): Response {
  if (!(error instanceof StudioError)) throw error;
  return Response.json({ code: error.code, message: error.message }, { status: studioErrorStatus(error) });
}
