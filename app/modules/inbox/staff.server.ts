/**
 * Who a ticket can be assigned to: the shop's active staff members, as
 * Shopify lists them (read_users). Plans that do not let apps list staff
 * answer ACCESS_DENIED; the inbox then offers the people tickets and rules
 * already name, so assigning keeps working. The staff member using Steward
 * is found by the session token's `sub` (their user id), to name them as the
 * author of replies and notes.
 */
import { AdminGraphqlError } from '~/platform/shopify/errors';
import type { AdminGateway } from '~/platform/shopify/admin-gateway.server';

export const INBOX_STAFF_QUERY = `#graphql
  query InboxStaff {
    staffMembers(first: 100, sortKey: FIRST_NAME) {
      nodes {
        id
        name
        email
        active
      }
    }
  }
`;

export interface StaffMember {
  /** The numeric id, as the session token's `sub` gives it. */
  id: string;
  name: string;
}

/** Active staff members by first name; an empty list when the shop's plan does not let apps list them. */
export async function listStaff(gateway: AdminGateway): Promise<StaffMember[]> {
  try {
    const { staffMembers } = await gateway.request(INBOX_STAFF_QUERY);
    return (staffMembers?.nodes ?? [])
      .filter((staff) => staff.active)
      .map((staff) => ({ id: staff.id.split('/').pop() as string, name: staff.name || staff.email }));
  } catch (error) {
    if (
      error instanceof AdminGraphqlError &&
      error.errors.some((entry) => entry.extensions?.code === 'ACCESS_DENIED')
    ) {
      return [];
    }
    throw error;
  }
}
