// The words the MSP sends a customer's Global Administrator: the approval request and its reminder, ready to copy.

/** The first request, as the client's card shows it under its approval link. */
export function approvalMessage(customerName: string, link: string, mspName: string): string {
  return `Hello, please approve our delegated admin (GDAP) request: sign in as a Global Administrator of ${customerName} and open ${link} — Thank you, ${mspName}`;
}

/** A reminder for a request still waiting; `waitedDays` is left out when the request's age is not known. */
export function reminderMessage(
  customerName: string,
  link: string,
  mspName: string,
  waitedDays?: number,
): string {
  const since = waitedDays === undefined ? '' : ` since ${daysText(waitedDays)} ago`;
  return `Hello again, our delegated admin (GDAP) request for ${customerName} has been waiting for approval${since}. Microsoft withdraws it 90 days after it was sent. Please sign in as a Global Administrator of ${customerName} and open ${link} — Thank you, ${mspName}`;
}

export function daysText(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}
