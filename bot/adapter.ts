// The Bot Framework adapter: authentication, turn processing, and the turn error handler.
import { ConfidentialClientApplication } from '@azure/msal-node';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConversationState,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import {
  MsalServiceClientCredentialsFactory,
  type AuthenticateRequestResult,
  type BotFrameworkAuthentication,
} from 'botframework-connector';
import { decodeJwt } from 'jose';
import { noticeCard } from '../cards/noticeCard.js';
import { whatsWrongButton } from '../dialogs/troubleshoot/whatsWrongButton.js';
import type { Config } from './config.js';
import { ERROR_MESSAGES, isAppError } from '../services/errors.js';
import type { Logger } from './logger.js';
import { turnCorrelationId, turnLogger } from './turnLogging.js';

export class BotAdapter extends CloudAdapter {
  constructor(private readonly auth: BotFrameworkAuthentication) {
    super(auth);
  }

  /** Validates the caller's token; throws on any failure (the server answers a plain 401). */
  async authenticate(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await this.auth.authenticateRequest(activity, authHeader);
    // The connector checks exp only when the token has one: a token without it would never expire.
    const token = authHeader.replace(/^Bearer\s+/i, '').trim();
    if (token && typeof decodeJwt(token).exp !== 'number') throw new Error('the token has no expiry (exp)');
    return result;
  }

  handle(
    auth: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

export function createBotFrameworkAuthentication(config: Config): BotFrameworkAuthentication {
  const { appId, appPassword, appType, appTenantId, openIdMetadataUrl, tokenIssuer, loginUrl } = config.bot;
  const settings = {
    MicrosoftAppId: appId,
    MicrosoftAppPassword: appPassword,
    MicrosoftAppType: appType,
    MicrosoftAppTenantId: appTenantId,
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromChannelTokenIssuer: tokenIssuer,
    ToChannelFromBotLoginUrl: loginUrl,
  };
  // With a custom login URL the outbound token must come from that authority, not Microsoft's.
  const credentials =
    appId && loginUrl
      ? new MsalServiceClientCredentialsFactory(
          appId,
          // The connector pins an older msal-node; it only calls acquireTokenByClientCredential, which ours has.
          new ConfidentialClientApplication({
            auth: {
              clientId: appId,
              clientSecret: appPassword,
              authority: loginUrl,
              knownAuthorities: [new URL(loginUrl).host],
            },
          }) as unknown as ConstructorParameters<typeof MsalServiceClientCredentialsFactory>[1],
        )
      : undefined;
  return new ConfigurationBotFrameworkAuthentication(settings, credentials);
}

/** Unhandled turn errors: log with the correlation id, reset the conversation's dialog, tell the user. */
export function installTurnErrorHandler(
  adapter: Pick<BotAdapter, 'onTurnError'>,
  conversationState: ConversationState,
  log: Logger,
): void {
  adapter.onTurnError = async (context, error) => {
    const correlationId = turnCorrelationId(context);
    (turnLogger(context) ?? log).error({ err: error, correlationId }, 'unhandled turn error');
    try {
      await conversationState.delete(context);
    } catch (cleanupError) {
      log.warn({ err: cleanupError, correlationId }, 'could not reset conversation state after an error');
    }
    // Events count: a sign-in verdict is delivered as one, and its user waits for an answer.
    if (!['message', 'invoke', 'event'].includes(context.activity.type)) return;
    const message = isAppError(error) ? error.userMessage : ERROR_MESSAGES.INTERNAL;
    // A card button about one client (consent, mapping) names it; troubleshoot then checks that client.
    const value = context.activity.value as { organizationId?: unknown } | undefined;
    const whatsWrong = whatsWrongButton(error, value?.organizationId);
    try {
      await context.sendActivity({
        attachments: [
          noticeCard({
            kind: 'error',
            title: 'That did not work',
            message: `${message} If it keeps happening, give your administrator the reference below.`,
            correlationId,
            buttons: [...(whatsWrong ? [whatsWrong] : []), { title: 'Help', command: 'help' }],
          }),
        ],
      });
    } catch (sendError) {
      log.warn({ err: sendError, correlationId }, 'could not send the error card');
    }
  };
}
