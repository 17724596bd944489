// What a step card showed, as a key its button carries back: a press is applied only while the same step is next.
import type { FlowStep } from './flowStep.js';

/** The step's kind and the relationship it is about: a new relationship makes an older card's key stale. */
export function stateKeyOf(step: FlowStep): string {
  return `${step.kind}:${'relationship' in step && step.relationship ? step.relationship.id : ''}`;
}

/** The kind a key was made for, as the card sent it back: checked by whoever looks it up. */
export function kindOfStateKey(stateKey: string): string {
  return stateKey.split(':')[0];
}
