// Every value a card submit can carry in data.action, as one typed union.

export const COMMAND_NAMES = [
  'help',
  'status',
  'setup',
  'map',
  'mappings',
  'organizations',
  'sync',
  'consent',
  'approvals',
  'troubleshoot',
  'signout',
  'alerts',
  'conflicts',
  'cancel',
] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

export const SETUP_STEPS = ['integrations', 'configuration', 'permissions', 'authorize', 'summary'] as const;
export type SetupStepId = (typeof SETUP_STEPS)[number];

export const SETUP_NAVIGATION = ['setup.next', 'setup.back', 'setup.cancel', 'setup.retry'] as const;
export type SetupNavigation = (typeof SETUP_NAVIGATION)[number];

/** Mapping and organization buttons: stateless, each carries the revision of the data it showed. */
export type MappingAction =
  | { action: 'map.open'; organizationId?: string }
  | { action: 'map.save'; revision: number; organizationId?: string; customerTenantId?: string }
  | { action: 'map.remap'; revision: number; organizationId: string; customerTenantId: string }
  | { action: 'map.unmap'; revision: number; organizationId: string }
  /** A conflict alert's fix: the organization's customers, each with "Keep this one" (map.keep). */
  | { action: 'map.fixConflict'; organizationId: string }
  | { action: 'map.keep'; revision: number; organizationId: string; customerTenantId: string }
  | { action: 'map.find'; revision: number }
  | { action: 'map.previewAll'; revision: number }
  | { action: 'map.applyAll'; revision: number; syncedAt: string }
  | { action: 'mappings.show'; filter?: string; name?: string; page?: number }
  | { action: 'orgs.show'; page?: number }
  | { action: 'orgs.add'; revision: number }
  | { action: 'orgs.rename'; revision: number; organizationId: string }
  | { action: 'orgs.remove'; revision: number; organizationId: string }
  | { action: 'import.apply'; previewId: string }
  | { action: 'import.cancel'; previewId: string }
  | { action: 'consent.open'; organizationId: string }
  | { action: 'consent.list'; verdict?: string; page?: number }
  | { action: 'consent.step'; organizationId: string; step: string; stateKey: string }
  | { action: 'consent.previewAll' }
  | { action: 'consent.runAll' }
  /** Takes back up a consent-all run that a restart cut off. */
  | { action: 'consent.resume'; runId: string }
  | { action: 'consent.approvals'; page?: number }
  /** Reminder texts for the named waiting requests; `drawnAt` tells a second press from the first. */
  | { action: 'consent.remind'; relationshipIds: string[]; drawnAt: string };

/** Alert settings for the conversation the card is in. */
export type AlertAction = { action: 'alerts.set'; on: boolean };

export type CardAction =
  | { action: 'runCommand'; command: CommandName }
  | AlertAction
  /** Wizard buttons; the card's inputs arrive beside these fields. */
  | { action: SetupNavigation; wizardId: string; step: SetupStepId }
  | MappingAction
  /** Runs the troubleshooting checks, for one client when it names one (or the card's picker does). */
  | { action: 'troubleshoot.run'; organizationId?: string };

export type CardActionName = CardAction['action'];

export interface CommandButton {
  title: string;
  command: CommandName;
}
