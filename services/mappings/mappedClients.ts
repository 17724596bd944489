// Which organizations are clients the bot can act for: the one rule the consent flow, troubleshoot and the picker share.
import type { Mapping, Organization } from '../store/storeData.js';

/** A customer as the rule needs it: in the synced list, with the name the chat shows. */
export interface ClientCustomer {
  tenantId: string;
  displayName: string;
}

export interface MappedClient {
  organization: Organization;
  customer: ClientCustomer;
}

/** The links an organization has, as the mapping store answers. */
export interface ClientLinks {
  forOrganization(organizationId: string): readonly Pick<Mapping, 'customerTenantId'>[];
  linkCount(organizationId: string): number;
}

/**
 * The customer an organization is mapped to when it is linked to exactly one: none when it has no link, and none
 * in a conflict (two or more), where acting for either customer could be acting for the wrong one.
 */
export function soleLink<T>(links: readonly T[]): T | undefined {
  return links.length === 1 ? links[0] : undefined;
}

/** A mapped client: exactly one link, to a customer that is in the synced list. */
export function mappedClientOf<C extends ClientCustomer>(
  organization: Organization,
  links: ClientLinks,
  customerOf: (tenantId: string) => C | undefined,
): MappedClient | undefined {
  const tenantId = soleLink(links.forOrganization(organization.id))?.customerTenantId;
  const customer = tenantId === undefined ? undefined : customerOf(tenantId);
  return customer
    ? { organization, customer: { tenantId: customer.tenantId, displayName: customer.displayName } }
    : undefined;
}

/** Every mapped client, in the organizations' order. */
export function mappedClients<C extends ClientCustomer>(
  organizations: readonly Organization[],
  links: ClientLinks,
  customerOf: (tenantId: string) => C | undefined,
): MappedClient[] {
  return organizations.flatMap((organization) => {
    const client = mappedClientOf(organization, links, customerOf);
    return client ? [client] : [];
  });
}

export function isUnmapped(links: Pick<ClientLinks, 'linkCount'>, organizationId: string): boolean {
  return links.linkCount(organizationId) === 0;
}

/** The organizations without a link, in their order: what "map all" and the picker's first page offer. */
export function unmappedOrganizations(
  organizations: readonly Organization[],
  links: Pick<ClientLinks, 'linkCount'>,
): Organization[] {
  return organizations.filter((organization) => isUnmapped(links, organization.id));
}
