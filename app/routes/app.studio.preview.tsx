/**
 * The editor's preview images (a resource route): GET with productId,
 * mediaId and, for the "after" picture, the recipe's JSON (checked with
 * parseRecipe) and optionally `mask` (an operation's index: its selection
 * instead of the result). Answers the picture at preview size, or
 * { code, message } with 4xx when it cannot (a bad recipe, an unreadable
 * image, an image no longer on the product).
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { studioFailureResponse } from '~/modules/studio/http.server';
import { renderPreview } from '~/modules/studio/preview.server';
import { withAdmin } from '~/platform/shopify/admin-request.server';

export const loader = ({ request }: LoaderFunctionArgs) =>
  withAdmin(request, async ({ session, gateway }) => {
    try {
      const image = await renderPreview(gateway, session.shop, new URL(request.url).searchParams, request.signal);
      return new Response(new Uint8Array(image.data), {
        headers: {
          'Content-Type': image.mime,
          'Cache-Control': 'private, max-age=300',
          'X-Image-Width': String(image.width),
          'X-Image-Height': String(image.height),
        },
      });
    } catch (error) {
      return studioFailureResponse(error);
    }
  });
