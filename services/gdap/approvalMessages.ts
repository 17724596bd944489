// The words the MSP sends a customer's Global Administrator: the approval request and its reminder, ready to copy.
import type { MessageSender } from '../settings/messageSender.js';

/** A message from an unnamed sender reads like phishing, so it names the partner as Microsoft shows it. */
export function approvalMessage(customer: string, link: string, sender: MessageSender): string {
  return (
    `Hello, ${asks(sender)} for delegated admin (GDAP) access to the Microsoft 365 tenant of ${customer}. ` +
    `Only a Global Administrator of ${customer} can approve it: sign in as one and open ${link} — ${thanks(sender)}`
  );
}

/** A reminder for a request still waiting; `waitedDays` is left out when the request's age is not known. */
export function reminderMessage(
  customer: string,
  link: string,
  sender: MessageSender,
  waitedDays?: number,
): string {
  const since = waitedDays === undefined ? '' : ` since ${daysText(waitedDays)} ago`;
  const who = sender.partner
    ? `the delegated admin (GDAP) request of ${sender.partner}`
    : 'our delegated admin (GDAP) request';
  return (
    `Hello again, ${who} for ${customer} has been waiting for approval${since}. Microsoft withdraws it 90 days ` +
    `after it was sent. Only a Global Administrator of ${customer} can approve it: sign in as one and open ${link} — ${thanks(sender)}`
  );
}

export function daysText(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}

function asks(sender: MessageSender): string {
  return sender.partner ? `${sender.partner} asks` : 'we ask';
}

function thanks(sender: MessageSender): string {
  return sender.signature ? `Thank you, ${sender.signature}` : 'Thank you.';
}
