// Test helper: a ConsentFlow wired as the bot wires it (Graph, Partner Center, silent tokens), over a generated sandbox.
import type { RunningSandbox } from '../../../../sandbox/sandboxServer.js';
import { ConsentClient, DEFAULT_CUSTOMER_SCOPES } from '../../../../services/gdap/consentClient.js';
import { ConsentFlow, type ConsentFlowDeps } from '../../../../services/gdap/consentFlow.js';
import { MemoryConsentLedger } from '../../../../services/gdap/consentLedger.js';
import type { FlowSettings } from '../../../../services/gdap/flowStep.js';
import { GdapClient } from '../../../../services/gdap/gdapClient.js';
import { customerGraphToken, partnerCenterToken } from '../../../../services/gdap/gdapTokens.js';
import { createGraphClient } from '../../../../services/graph/graphClientFactory.js';
import { DEFAULT_GDAP_ROLE_IDS } from '../../../../services/settings/gdapRoles.js';
import type { PartnerSignIn } from './partnerSignIn.js';

export const FAST_RETRY = { baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 3 };

export interface FlowHarness {
  flow: ConsentFlow;
  gdap: GdapClient;
  consent: ConsentClient;
  ledger: MemoryConsentLedger;
  settings: FlowSettings;
}

/** `wrap` lets a test put failures or counters in front of the real Graph client. */
export function flowHarness(
  sandbox: RunningSandbox,
  { signIn, settings: tokenSettings, oid }: PartnerSignIn,
  wrap: (gdap: GdapClient) => ConsentFlowDeps['gdap'] = (gdap) => gdap,
): FlowHarness {
  const graphToken = async () => {
    const { appRegistration, authorizedAccount } = tokenSettings();
    return (await signIn.acquireTokenSilently(authorizedAccount.homeAccountId, appRegistration)).accessToken;
  };
  const gdap = new GdapClient(
    createGraphClient({ graphBaseUrl: sandbox.graphBaseUrl, getAccessToken: graphToken }),
    {
      retry: FAST_RETRY,
    },
  );
  const consent = new ConsentClient({
    partnerCenterBaseUrl: sandbox.partnerCenterBaseUrl,
    graphBaseUrl: sandbox.graphBaseUrl,
    partnerCenterToken: partnerCenterToken(tokenSettings, signIn),
    customerGraphToken: customerGraphToken(tokenSettings, signIn),
    retry: FAST_RETRY,
  });
  const ledger = new MemoryConsentLedger();
  const settings: FlowSettings = {
    gdap: {
      duration: 'P730D',
      autoExtend: 'P180D',
      roleIds: [...DEFAULT_GDAP_ROLE_IDS],
      groupPrefix: 'GDAP',
    },
    applicationId: sandbox.clientId,
    consentScopes: DEFAULT_CUSTOMER_SCOPES,
    approvalLinkBase: sandbox.approvalLinkBase,
    memberId: oid,
  };
  const flow = new ConsentFlow({ gdap: wrap(gdap), consent, ledger, settings: () => settings });
  return { flow, gdap, consent, ledger, settings };
}
