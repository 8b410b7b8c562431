/**
 * GET /app/privacy/:id/export: a customers/data_request export as a JSON
 * download, for the merchant to pass on to the customer. Authenticated like
 * every admin request; only the session's shop's exports; the first download
 * is recorded.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import prisma from '~/db.server';
import { exportFilename, takeExport } from '~/modules/privacy/requests.server';
import { authenticate } from '~/shopify.server';

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const exported = params.id ? await takeExport(prisma, session.shop, params.id) : null;
  if (!exported) throw new Response('No such export', { status: 404 });
  return new Response(JSON.stringify(exported, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${exportFilename(exported)}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
};
