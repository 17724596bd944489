// Validates the seed's optional `consents`: Partner Center application consents, one per customer and application.
import { SeedChecker } from './seedChecker.js';

export function checkConsents(check: SeedChecker, value: unknown, customerIds: ReadonlySet<string>): void {
  if (value === undefined) return;
  const seen = new Set<string>();
  check.array('consents', value).forEach((item, i) => {
    const path = `consents[${i}]`;
    const consent = check.object(path, item) ?? {};
    const tenantId = check.guid(`${path}.customerTenantId`, consent.customerTenantId);
    if (tenantId && !customerIds.has(tenantId.toLowerCase()))
      check.problem(`${path}.customerTenantId`, 'is not a customer');
    const applicationId = check.guid(`${path}.applicationId`, consent.applicationId);
    if (tenantId && applicationId)
      check.unique(path, `${tenantId}|${applicationId}`, seen, 'consent for customer and application');
    check.optionalText(`${path}.displayName`, consent.displayName);
    check.dateTime(`${path}.createdDateTime`, consent.createdDateTime, true);
    const grants = check.array(`${path}.applicationGrants`, consent.applicationGrants);
    if (Array.isArray(consent.applicationGrants) && grants.length === 0)
      check.problem(`${path}.applicationGrants`, 'must list at least one grant');
    grants.forEach((grantItem, g) => {
      const grantPath = `${path}.applicationGrants[${g}]`;
      const grant = check.object(grantPath, grantItem) ?? {};
      check.guid(`${grantPath}.enterpriseApplicationId`, grant.enterpriseApplicationId);
      check.text(`${grantPath}.scope`, grant.scope);
    });
  });
}
