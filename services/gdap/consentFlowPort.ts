// The consent flow as the chat uses it: read a client, decide its next step, run it, and the same for many at once.
import type { ClientResult, Preview } from './consentAll.js';
import type { FlowCustomer, FlowStep, LiveState } from './flowStep.js';

export interface ConsentFlowPort {
  readState(customer: FlowCustomer): Promise<LiveState>;
  nextStep(state: LiveState): FlowStep;
  runStep(step: FlowStep): Promise<LiveState>;
  consentAll(
    customers: readonly FlowCustomer[],
    options: {
      onProgress?: (p: {
        completed: number;
        total: number;
        latest: Pick<ClientResult, 'customer' | 'relationships'>;
      }) => void;
    },
  ): Promise<ClientResult[]>;
  previewAll(customers: readonly FlowCustomer[]): Promise<Preview[]>;
}
