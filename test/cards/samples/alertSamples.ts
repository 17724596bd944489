// The alert cards, open and resolved, as a conflict and an access problem show them.
import { alertCard } from '../../../cards/alertCard.js';
import type { CardSample } from './cardSamples.js';

const CONFLICT_MESSAGE =
  'One or more organizations are linked to multiple customers. This will cause errors when attempting to run Microsoft actions on these organizations. Each organization must be linked to exactly one CSP customer: keep the right one and remove the other links. Press **Fix mapping** beside an organization, then **Keep this one** beside the customer it belongs to.';

export const ALERT_SAMPLES: CardSample[] = [
  {
    name: 'alert-conflict',
    template: 'alert.json',
    build: () =>
      alertCard({
        kind: 'mapping-conflict',
        openedAt: '2026-11-26T08:00:00.000Z',
        heading: 'Organizations linked to multiple customers',
        message: CONFLICT_MESSAGE,
        resolved: false,
        items: [
          {
            title: 'Müller Bäckerei',
            detail: 'linked to Müller Bäckerei GmbH and Müller Backwaren AG',
            fix: { title: 'Fix mapping', data: { action: 'map.fixConflict', organizationId: 'org-1' } },
          },
          {
            title: 'Northwind Traders',
            detail: 'linked to Northwind Traders Ltd and Northwind Logistics',
            fix: { title: 'Fix mapping', data: { action: 'map.fixConflict', organizationId: 'org-2' } },
          },
        ],
        moreCount: 0,
        footer: '2 affected · found 2026-11-26.',
        buttons: [
          { title: 'All open problems', command: 'conflicts' },
          { title: 'Alert settings', command: 'alerts' },
        ],
      }),
  },
  {
    name: 'alert-access-resolved',
    template: 'alert.json',
    build: () =>
      alertCard({
        kind: 'relationship-ended',
        openedAt: '2026-11-02T08:00:00.000Z',
        heading: 'Resolved: delegated access ended',
        message: 'Nothing here needs fixing any more. This is what was affected:',
        resolved: true,
        items: [
          {
            title: 'Fabrikam Dental Care',
            detail: 'relationship GDAP-Fabrikam-20241101 expired on 2026-11-01',
          },
        ],
        moreCount: 0,
        footer: 'Found 2026-11-02, resolved 2026-11-26.',
        buttons: [{ title: 'Open problems', command: 'conflicts' }],
      }),
  },
];
