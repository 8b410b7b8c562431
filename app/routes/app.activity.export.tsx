/**
 * GET /app/activity/export?<the page's filters>: the filtered activity log
 * as a CSV download, streamed (text/csv, UTF-8 with a BOM so spreadsheets
 * read accents right). Authenticated like every admin request; the shop
 * comes from the session.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import prisma from '~/db.server';
import { env } from '~/env.server';
import { createI18n, resolveLocale } from '~/i18n/i18n';
import { activityCsvStream, exportFilename } from '~/modules/activity/export.server';
import { adminBaseUrl } from '~/platform/shopify/admin-links';
import { readActivityQuery } from '~/modules/activity/read-query.server';
import { withAdmin } from '~/platform/shopify/admin-request.server';
import { readShopProfile } from '~/platform/shopify/shop-profile.server';

export const loader = ({ request }: LoaderFunctionArgs) =>
  withAdmin(request, async ({ session, gateway }) => {
    const { filters } = readActivityQuery(new URL(request.url));
    const { timeZone } = await readShopProfile(gateway);
    const stream = activityCsvStream({
      db: prisma,
      shop: session.shop,
      filters,
      timeZone,
      i18n: createI18n(resolveLocale(request)),
      adminBase: adminBaseUrl(session.shop, env.DEVSTORE_URL),
    });
    return new Response(stream, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${exportFilename(session.shop, timeZone)}"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });
