// `troubleshoot [client]` and its buttons: runs the authorization checks, then one client's, and shows them as a card.
import type { TurnContext } from 'botbuilder';
import { ERROR_MESSAGES } from '../../services/errors.js';
import {
  authorizationBlocker,
  authorizationChecks,
  type AuthorizationPorts,
} from '../../services/troubleshoot/authorizationChecks.js';
import { clientChecks, type ClientPorts } from '../../services/troubleshoot/clientChecks.js';
import type { Organization } from '../../services/store/storeData.js';
import type { TroubleshootAction } from '../../cards/cardActions.js';
import type { ActionRoutes } from '../actionRoutes.js';
import { getTurnUser } from '../../bot/turnUser.js';
import { troubleshootReply } from './troubleshootReply.js';

export interface TroubleshootDeps {
  authorization: AuthorizationPorts;
  client: ClientPorts;
  organizations: {
    list(): Organization[];
    get(id: string): Organization | undefined;
    findByName(name: string): Organization | undefined;
  };
}

/** Read-only: anyone may run it; the fix buttons that change something are offered to administrators only. */
export class TroubleshootActions {
  constructor(private readonly deps: TroubleshootDeps) {}

  async command(context: TurnContext, args: string): Promise<void> {
    if (!args) return this.run(context);
    const organization = this.deps.organizations.findByName(args);
    if (!organization) {
      await context.sendActivity(
        `I found no organization called “${args.slice(0, 100)}”. Type **troubleshoot** to pick one from the list, or **organizations** to see them all.`,
      );
      return;
    }
    return this.run(context, organization);
  }

  routes(): ActionRoutes<TroubleshootAction['action']> {
    return {
      'troubleshoot.run': {
        rights: 'anyone',
        run: async (context, { organizationId }) => {
          if (!organizationId) return this.run(context);
          const organization = this.deps.organizations.get(organizationId);
          if (!organization) {
            await context.sendActivity(ERROR_MESSAGES.ORGANIZATION_NOT_FOUND);
            return this.run(context);
          }
          return this.run(context, organization);
        },
      },
    };
  }

  private async run(context: TurnContext, organization?: Organization): Promise<void> {
    const authorization = await authorizationChecks(this.deps.authorization);
    const client = organization
      ? {
          organization,
          checks: await clientChecks(this.deps.client, organization, authorizationBlocker(authorization)),
        }
      : undefined;
    const card = troubleshootReply(
      { authorization, client, organizations: client ? [] : this.deps.organizations.list() },
      getTurnUser(context).isAdmin,
    );
    await context.sendActivity({ attachments: [card] });
  }
}
