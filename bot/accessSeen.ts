// The consent flow as the bot uses it, telling the alert check what each read found, so alerts follow at once.
import type { ConsentFlowPort } from '../services/gdap/consentFlowPort.js';
import type { CustomerRelationship } from '../services/customers/cspCustomer.js';

export interface AccessSeenDeps {
  /** Puts the relationships just read into the customer list the alert check reads. */
  note(
    tenantId: string,
    relationships: readonly CustomerRelationship[],
  ): { changed: boolean; saved: Promise<void> };
  recheck(): void;
  onError?: (error: unknown) => void;
}

/**
 * Wraps the flow so that every live read (a card, a step, a consent-all run, troubleshoot) updates the customer's
 * relationships for the alert check. Without it, a relationship the bot created, or an activation it saw, left the
 * posted alert open until the next customer sync, hours later. Consents and access tests need no help: they are
 * written to the store, which the alert check watches.
 */
export function reportingAccessSeen(flow: ConsentFlowPort, deps: AccessSeenDeps): ConsentFlowPort {
  const seen = (tenantId: string, relationships: readonly CustomerRelationship[] | undefined) => {
    if (!relationships) return;
    const { changed, saved } = deps.note(tenantId, relationships);
    saved.catch((error: unknown) => deps.onError?.(error));
    if (changed) deps.recheck();
  };
  return {
    readState: async (customer) => {
      const state = await flow.readState(customer);
      seen(customer.tenantId, state.relationships);
      return state;
    },
    nextStep: (state) => flow.nextStep(state),
    runStep: async (step) => {
      const state = await flow.runStep(step);
      seen(step.customer.tenantId, state.relationships);
      return state;
    },
    consentAll: async (customers, options) => {
      const results = await flow.consentAll(customers, {
        ...options,
        onProgress: (progress) => {
          seen(progress.latest.customer.tenantId, progress.latest.relationships);
          options.onProgress?.(progress);
        },
      });
      return results;
    },
    previewAll: (customers) => flow.previewAll(customers),
  };
}
