/**
 * /apps/steward/rate (Shopify's app proxy → /proxy/rate): the satisfaction
 * page a solved ticket's signed link opens (GET, Liquid inside the theme) and
 * its form (POST). A resource route (app/modules/inbox/storefront.server.ts).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import prisma from '~/db.server';
import { authenticateProxy } from '~/modules/inbox/proxy.server';
import { showRatePage, submitRating } from '~/modules/inbox/storefront.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const proxy = await authenticateProxy(request);
  return showRatePage(prisma, proxy, request);
}

export async function action({ request }: ActionFunctionArgs) {
  const proxy = await authenticateProxy(request);
  return submitRating(prisma, proxy, request);
}
