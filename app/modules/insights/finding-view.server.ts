/**
 * Findings as the pages receive them (plain JSON): times as ISO strings and
 * each link resolved — a Shopify admin path to the shop's admin (Shopify's,
 * or the devstore's admin shell in development and tests), a Steward path
 * kept inside the app.
 */
import { env } from '~/env.server';
import { adminBaseUrl } from '~/platform/shopify/admin-links';
import type { FindingEvidence, FindingKind, FindingRule } from './findings-rules';
import type { Finding, FindingStatus } from './findings.server';

export interface FindingLinkView {
  type: 'product' | 'channel' | 'period';
  title: string;
  href: string;
  /** Shopify admin: opened in the admin's own window, outside the app's frame. */
  external: boolean;
}

export interface FindingView {
  id: string;
  rule: FindingRule;
  kind: FindingKind;
  subjectType: Finding['subjectType'];
  /** A product's id, or a channel's key ("source:web"). */
  subjectId: string | null;
  subjectTitle: string | null;
  evidence: FindingEvidence;
  links: FindingLinkView[];
  status: FindingStatus;
  firstSeenAt: string;
  dismissedAt: string | null;
  snoozedUntil: string | null;
}

/** The shop's admin: Shopify's, or the devstore's shell when DEVSTORE_URL is set. */
export function shopAdminBase(shop: string): string {
  return adminBaseUrl(shop, env.DEVSTORE_URL);
}

export function findingView(finding: Finding, adminBase: string): FindingView {
  const links = finding.links.flatMap((link): FindingLinkView[] => {
    if (link.adminPath?.startsWith('/') && !link.adminPath.startsWith('//'))
      return [{ type: link.type, title: link.title, href: `${adminBase}${link.adminPath}`, external: true }];
    if (link.appPath?.startsWith('/app'))
      return [{ type: link.type, title: link.title, href: link.appPath, external: false }];
    return [];
  });
  return {
    id: finding.id,
    rule: finding.rule,
    kind: finding.kind,
    subjectType: finding.subjectType,
    subjectId: finding.subjectId,
    subjectTitle: finding.subjectTitle,
    evidence: finding.evidence,
    links,
    status: finding.status,
    firstSeenAt: finding.firstSeenAt.toISOString(),
    dismissedAt: finding.dismissedAt?.toISOString() ?? null,
    snoozedUntil: finding.snoozedUntil?.toISOString() ?? null,
  };
}
