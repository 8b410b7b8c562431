/**
 * POST /apps/steward/feedback (Shopify's app proxy → /proxy/feedback): the
 * theme extension's feedback block. A resource route: it answers JSON or a
 * redirect itself (app/modules/inbox/storefront.server.ts).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import prisma from '~/db.server';
import { authenticateProxy } from '~/modules/inbox/proxy.server';
import { methodNotAllowed, submitFeedback } from '~/modules/inbox/storefront.server';

export async function loader({ request }: LoaderFunctionArgs) {
  await authenticateProxy(request);
  return methodNotAllowed('POST');
}

export async function action({ request }: ActionFunctionArgs) {
  const proxy = await authenticateProxy(request);
  return submitFeedback(prisma, proxy, request);
}
