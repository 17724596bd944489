// The message for a customer's Global Administrator: who asks for GDAP access, who alone can approve it, the link.
import type { MessageSender } from '../../services/settings/messageSender.js';

/** A message from an unnamed sender reads like phishing, so it names the partner as Microsoft shows it. */
export function approvalMessage(customer: string, link: string, sender: MessageSender): string {
  const who = sender.partner ? `${sender.partner} asks` : 'We ask';
  const thanks = sender.signature ? `Thank you, ${sender.signature}` : 'Thank you.';
  return (
    `Hello, ${who} for delegated admin (GDAP) access to the Microsoft 365 tenant of ${customer}. ` +
    `Only a Global Administrator of ${customer} can approve it: sign in as one and open ${link} — ${thanks}`
  );
}
