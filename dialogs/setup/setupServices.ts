// What the setup wizard needs from the outside world, as one small port.
import type { TurnContext } from 'botbuilder';
import type { AppRegistration, PartnerAdminRole } from '../../services/settings/integrationSettings.js';
import type { SetupCasesPorts } from '../../services/settings/setupCases.js';
import type { ConversationRef } from '../../services/store/storeData.js';

/** The setup use cases' port, and what only the dialog needs: the turn, the sign-in and the first sync. */
export interface SetupServices extends SetupCasesPorts {
  /** Pre-filled as the partner tenant when none is entered yet (the sandbox's domain in sandbox mode). */
  readonly partnerTenantHint?: string;
  /** Makes the turn's chat an alert destination if it is not yet: its install event may have been lost. */
  rememberConversation(context: TurnContext): Promise<void>;
  startSignIn(request: {
    userAadId: string;
    conversationId: string;
    reference: ConversationRef;
    tenantId: string;
    appRegistration: AppRegistration;
  }): Promise<{ startUrl: string }>;
  /** Teams SSO's Application ID URI, when single sign-on is configured. */
  readonly ssoResource?: string;
  /** Runs once setup is saved: the first customer sync. */
  afterSetup(context: TurnContext): Promise<void>;
}

/** The event the sign-in callback delivers into the conversation. */
export const SIGN_IN_RESULT_EVENT = 'setup/signInResult';

export type SignInOutcome =
  | {
      ok: true;
      account: {
        oid: string;
        upn: string;
        displayName: string;
        tenantId: string;
        homeAccountId: string;
        adminRole?: PartnerAdminRole;
      };
      grantedScopes: string[];
      /** The partner tenant's name, when Graph gave it. */
      partnerTenantName?: string;
    }
  | { ok: false; title: string; summary: string; problems: { title: string; detail: string; fix: string }[] };
