/**
 * POST /apps/steward/support (Shopify's app proxy → /proxy/support): the
 * theme extension's support form. A resource route: it answers JSON or a
 * redirect itself (app/modules/inbox/storefront.server.ts).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import prisma from '~/db.server';
import { authenticateProxy } from '~/modules/inbox/proxy.server';
import { methodNotAllowed, submitSupport } from '~/modules/inbox/storefront.server';

export async function loader({ request }: LoaderFunctionArgs) {
  await authenticateProxy(request);
  return methodNotAllowed('POST');
}

export async function action({ request }: ActionFunctionArgs) {
  const proxy = await authenticateProxy(request);
  return submitSupport(prisma, proxy, request);
}
