// The single gate: only the MSP's own tenant gets in, and only listed admins may change things.
import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import { answerInvoke, failedResponse, messageResponse } from './invokeResponses.js';
import { setTurnUser } from './turnUser.js';
import { ERROR_MESSAGES } from '../services/errors.js';
import type { Logger } from './logger.js';
import { turnLogger } from './turnLogging.js';

export interface AccessPolicy {
  allowedTenantIds: readonly string[];
  adminUserIds: readonly string[];
}

export class AccessControl implements Middleware {
  private readonly tenants: Set<string>;
  private readonly admins: Set<string>;

  constructor(
    policy: AccessPolicy,
    private readonly log: Logger,
  ) {
    this.tenants = new Set(policy.allowedTenantIds.map((id) => id.toLowerCase()));
    this.admins = new Set(policy.adminUserIds.map((id) => id.toLowerCase()));
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const tenantId = tenantOf(context);
    if (!tenantId || !this.tenants.has(tenantId)) {
      (turnLogger(context) ?? this.log).warn(
        { tenantId: tenantId ?? 'none' },
        'refused an activity from another tenant',
      );
      await refuse(context);
      return;
    }
    const aadObjectId = (context.activity.from?.aadObjectId ?? '').toLowerCase();
    setTurnUser(context, {
      aadObjectId,
      name: context.activity.from?.name ?? '',
      tenantId,
      isAdmin: aadObjectId !== '' && this.admins.has(aadObjectId),
    });
    await next();
  }
}

function tenantOf(context: TurnContext): string | undefined {
  const { conversation, channelData } = context.activity;
  const id = conversation?.tenantId ?? (channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  return id ? id.toLowerCase() : undefined;
}

async function refuse(context: TurnContext): Promise<void> {
  const { type, name, action } = context.activity;
  if (type === ActivityTypes.Message || (type === ActivityTypes.InstallationUpdate && action === 'add')) {
    await context.sendActivity(ERROR_MESSAGES.FOREIGN_TENANT);
  } else if (type === ActivityTypes.Invoke) {
    answerInvoke(
      context,
      name === 'adaptiveCard/action'
        ? messageResponse(ERROR_MESSAGES.FOREIGN_TENANT)
        : failedResponse(403, { error: ERROR_MESSAGES.FOREIGN_TENANT }),
    );
  }
}
