// Delegated access cards: the overview by verdict, one client's card with its next step, and consent-all.
import clientTemplate from './templates/accessClient.json' with { type: 'json' };
import overviewTemplate from './templates/accessOverview.json' with { type: 'json' };
import allPreviewTemplate from './templates/consentAllPreview.json' with { type: 'json' };
import allResultsTemplate from './templates/consentAllResults.json' with { type: 'json' };
import allCutOffTemplate from './templates/consentAllCutOff.json' with { type: 'json' };
import approvalRemindersTemplate from './templates/approvalReminders.json' with { type: 'json' };
import approvalsListTemplate from './templates/approvalsList.json' with { type: 'json' };
import { expandCard, type CardAttachment } from './cardAttachment.js';

export interface AccessOverviewCardData {
  summary: string;
  counts: { label: string; value: string }[];
  verdict: string;
  filters: { title: string; value: string }[];
  rows: {
    organizationId: string;
    organization: string;
    customer: string;
    verdictLabel: string;
    mark: string;
  }[];
  page: number;
  pages: number;
  needsWork: number;
  /** Clients waiting for their customer's approval: the card then offers the list of their links. */
  needsApproval: number;
}

export function accessOverviewCard(data: AccessOverviewCardData): CardAttachment {
  return expandCard(overviewTemplate, data);
}

export interface AccessClientCardData {
  organizationId: string;
  organization: string;
  customer: string;
  tenantId: string;
  mark: string;
  verdictLabel: string;
  /** Teams' Warning colour is too faint on white, so waiting states use Default. */
  verdictColor: 'Good' | 'Attention' | 'Default';
  explanation: string;
  facts: { title: string; value: string }[];
  approvalLink?: string;
  approvalMessage?: string;
  nextStep?: string;
  /** The button that runs the next step; absent when there is nothing the bot can do now. */
  stepButton?: string;
  step?: string;
  /** Identifies the state the card showed, so a stale or double click does not run a step twice. */
  stateKey: string;
}

export function accessClientCard(data: AccessClientCardData): CardAttachment {
  return expandCard(clientTemplate, {
    ...data,
    approvalLink: data.approvalLink ?? '',
    approvalMessage: data.approvalMessage ?? '',
    nextStep: data.nextStep ?? '',
    stepButton: data.stepButton ?? '',
    step: data.step ?? '',
  });
}

export interface ConsentAllPreviewCardData {
  summary: string;
  /** One row per customer that needs something; `organization` names every organization mapped to it. */
  rows: { organization: string; plan: string }[];
  more: number;
  /** The security groups the access-assignment steps use, once for all rows; empty when no row assigns. */
  groups?: string;
  /** Customers the run goes through: the one number on the button, the progress and the results. */
  total: number;
  /** Customers that need something; the button shows only when some do. */
  needWork: number;
  /** The run this card offers: a second press of its button starts nothing. */
  runId: string;
}

export function consentAllPreviewCard(data: ConsentAllPreviewCardData): CardAttachment {
  return expandCard(allPreviewTemplate, {
    ...data,
    groups: data.groups ?? '',
    runTitle: data.total === 1 ? 'Run for the 1 customer' : `Run for all ${data.total} customers`,
  });
}

export interface ConsentAllResultsCardData {
  summary: string;
  /** Customers left waiting for their approval: the card then offers the list of their links. */
  waitingForCustomer: number;
  failures: { organization: string; reason: string }[];
  moreFailures: number;
}

export function consentAllResultsCard(data: ConsentAllResultsCardData): CardAttachment {
  return expandCard(allResultsTemplate, data);
}

export interface ConsentAllCutOffCardData {
  /** The run the Resume button takes back up. */
  runId: string;
  done: number;
  total: number;
  startedBy: string;
  startedAt: string;
}

export function consentAllCutOffCard(data: ConsentAllCutOffCardData): CardAttachment {
  const left = Math.max(0, data.total - data.done);
  const noun = (n: number) => (n === 1 ? 'customer' : 'customers');
  return expandCard(allCutOffTemplate, { ...data, left, totalNoun: noun(data.total), leftNoun: noun(left) });
}

export interface ApprovalRow {
  organization: string;
  customer: string;
  /** "waiting 12 days · reminded yesterday". */
  age: string;
  message: string;
}

export interface ApprovalsListCardData {
  summary: string;
  rows: (ApprovalRow & { link: string })[];
  page: number;
  pages: number;
  /** The requests the reminder button is for (the longest waiting), named so a second press is recognised. */
  remindIds: string[];
  remindTitle: string;
  /** When the card was drawn: a reminder recorded after it means its button was pressed already. */
  drawnAt: string;
  /** A short-lived signed link to the whole list as CSV. */
  csvUrl: string;
}

export function approvalsListCard(data: ApprovalsListCardData): CardAttachment {
  return expandCard(approvalsListTemplate, data);
}

export interface ApprovalRemindersCardData {
  summary: string;
  rows: ApprovalRow[];
}

export function approvalRemindersCard(data: ApprovalRemindersCardData): CardAttachment {
  return expandCard(approvalRemindersTemplate, data);
}
