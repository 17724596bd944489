// Builds the map picker: static drop-downs up to Teams' 15 entries, type-ahead beyond, with suggestions.
import type { CardAttachment } from '../../cards/cardAttachment.js';
import { mapPickerCard, type Choice } from '../../cards/mappingCards.js';
import type { CspCustomer } from '../../services/customers/cspCustomer.js';
import { isUnmapped } from '../../services/mappings/mappedClients.js';
import type { Organization } from '../../services/store/storeData.js';
import type { MappingDeps } from './mappingDeps.js';

// Teams drop-downs show 15 entries; longer lists need Data.Query type-ahead.
const DROP_DOWN_LIMIT = 15;

const REASONS = { domain: 'same domain', name: 'same name', typo: 'same name but for a typo' } as const;

export function customerChoice(customer: CspCustomer): Choice {
  return { title: `${customer.displayName} · ${customer.defaultDomainName}`, value: customer.tenantId };
}

export function mapPicker(deps: MappingDeps, organizationId?: string, notice?: string): CardAttachment {
  const organizations = deps.organizations.list();
  const chosen = organizationId ? deps.organizations.get(organizationId) : undefined;
  const organizationsDynamic = organizations.length > DROP_DOWN_LIMIT;
  const customersDynamic = deps.customers.size > DROP_DOWN_LIMIT;
  const { customerChoices, customerTenantId, suggestion } = customerSide(deps, chosen, customersDynamic);
  return mapPickerCard({
    revision: deps.mappings.revision,
    organizationsDynamic,
    customersDynamic,
    organizationChoices: organizationChoices(deps, organizations, chosen),
    customerChoices,
    organizationId: chosen?.id,
    customerTenantId,
    suggestion,
    notice: notice ?? emptyNotice(deps, organizations.length),
  });
}

/** The first page of organizations: the chosen one, then unmapped ones, which are what people come to map. */
function organizationChoices(
  deps: MappingDeps,
  organizations: readonly Organization[],
  chosen?: Organization,
): Choice[] {
  const first: Organization[] = chosen ? [chosen] : [];
  // Only the first page is shown: stop looking once it is full rather than sort out every organization.
  for (const organization of organizations) {
    if (first.length >= DROP_DOWN_LIMIT) break;
    if (organization.id !== chosen?.id && isUnmapped(deps.mappings, organization.id))
      first.push(organization);
  }
  const seen = new Set(first.map((organization) => organization.id));
  for (const organization of organizations) {
    if (first.length >= DROP_DOWN_LIMIT) break;
    if (!seen.has(organization.id)) first.push(organization);
  }
  return first.map((organization) => ({ title: organization.name, value: organization.id }));
}

function customerSide(deps: MappingDeps, chosen: Organization | undefined, dynamic: boolean) {
  const current = chosen
    ? deps.mappings.forOrganization(chosen.id).map((mapping) => deps.customers.get(mapping.customerTenantId))
    : [];
  const mapped = current.filter((customer): customer is CspCustomer => Boolean(customer));
  const suggestion = chosen ? deps.customers.suggest(chosen) : undefined;
  const suggested = suggestion?.candidates.map((match) => match.customer) ?? [];
  const first = [...mapped, ...suggested];
  const all = dynamic ? first : [...first, ...deps.customers.list()];
  const seen = new Set<string>();
  const customerChoices = all
    .filter((customer) => !seen.has(customer.tenantId) && seen.add(customer.tenantId))
    .slice(0, DROP_DOWN_LIMIT)
    .map(customerChoice);
  const preselected = mapped[0] ?? suggestion?.confident;
  let text = '';
  if (mapped.length > 0)
    text = `Currently mapped to **${mapped.map((customer) => customer.displayName).join('**, **')}**.`;
  else if (suggestion?.confident && suggestion.reason) {
    text = `Suggested: **${suggestion.confident.displayName}** (${REASONS[suggestion.reason]}).`;
  } else if (suggested.length > 0)
    text = `Closest matches: ${suggested.map((customer) => customer.displayName).join(', ')}.`;
  else if (!chosen) text = 'Tip: type **map** and an organization’s name to get suggestions for it.';
  return { customerChoices, customerTenantId: preselected?.tenantId, suggestion: text };
}

function emptyNotice(deps: MappingDeps, organizations: number): string | undefined {
  if (deps.customers.size === 0)
    return 'No CSP customers are synced yet. An administrator runs **setup**, then **sync**.';
  if (organizations === 0)
    return 'You have no organizations yet: add them with **organizations**, or attach a CSV file.';
  return undefined;
}
