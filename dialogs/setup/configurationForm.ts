// Step 2's card side: the configuration card's inputs as the use case reads them, and the words for each problem.
import type { ConfigurationField } from '../../cards/setupCards.js';
import {
  MAX_SIGNATURE_LENGTH,
  type ConfigurationAnswers,
  type ConfigurationProblem,
} from '../../services/settings/setupConfiguration.js';

export type FormErrors = Partial<Record<ConfigurationField, string>>;

export function configurationAnswers(submit: Record<string, unknown>): ConfigurationAnswers {
  const text = (key: string) => (typeof submit[key] === 'string' ? (submit[key] as string) : '');
  return {
    appKind: text('appKind'),
    clientId: text('clientId'),
    clientSecret: text('clientSecret'),
    partnerTenant: text('partnerTenant'),
    signature: text('signature'),
    durationDays: text('durationDays'),
    autoExtend: text('autoExtend'),
    // A multi-select choice set submits its values joined by commas.
    roleIds: text('roleIds').split(','),
    groupPrefix: text('groupPrefix'),
    alertConversation: text('alertConversation'),
  };
}

export function formErrors(problems: readonly ConfigurationProblem[]): FormErrors {
  return Object.fromEntries(problems.map((problem) => [problem.field, problemText(problem)]));
}

function problemText(problem: ConfigurationProblem): string {
  switch (problem.field) {
    case 'appKind':
      return problem.code === 'unchosen'
        ? 'Choose an app registration.'
        : 'This installation has no product app registration: use your own.';
    case 'clientId':
      return 'Enter your app registration’s Application (client) ID: a GUID.';
    case 'clientSecret':
      return 'Paste a client secret of that app registration.';
    case 'partnerTenant':
      return problem.code === 'unresolved'
        ? problem.error.userMessage
        : 'Enter your partner tenant’s primary domain (like contoso.onmicrosoft.com) or its tenant id.';
    case 'signature':
      return problem.code === 'too-long'
        ? `Keep the signature to ${MAX_SIGNATURE_LENGTH} characters or fewer (it has ${problem.length}).`
        : 'Use only printable characters in the signature.';
    case 'duration':
      return 'Enter a whole number of days from 1 to 730 (2 years).';
    case 'roleIds':
      return 'Choose at least one role from the list.';
    case 'autoExtend':
      return problem.code === 'unchosen'
        ? 'Choose whether relationships auto-extend.'
        : 'Relationships that include Global Administrator cannot auto-extend: choose “Do not extend” or remove Global Administrator.';
    case 'groupPrefix':
      return 'Use 1 to 40 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit.';
    case 'alerts':
      return 'Choose one of the chats or channels I am in.';
  }
}
