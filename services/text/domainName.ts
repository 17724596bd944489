// Domain names as people type them: "https://www.Contoso.co.uk/", "contoso.onmicrosoft.com" → the label "contoso".
const MICROSOFT_SUFFIX = '.onmicrosoft.com';
// Second-level labels that belong to the suffix, not to the company ("contoso.co.uk", "contoso.com.au").
const SECOND_LEVEL = new Set([
  'co',
  'com',
  'net',
  'org',
  'ac',
  'gov',
  'edu',
  'ne',
  'or',
  'go',
  'gv',
  'ltd',
  'plc',
]);
const DOMAIN =
  /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z][a-z0-9-]*[a-z0-9]$/;

/** Lower-cased host without scheme, "www.", port, path or trailing dot. */
export function normalizeDomain(value: string): string {
  // Most domains (every default domain from Graph) are already plain; skip the clean-up for them.
  if (/^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/.test(value) && !value.startsWith('www.')) return value;
  return value
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/[/?#].*$/, '')
    .replace(/:\d+$/, '')
    .replace(/\.$/, '')
    .replace(/^www\./, '');
}

/** Whether the text is a host name ("contoso.com") rather than a company name ("Contoso Ltd."). */
export function looksLikeDomain(value: string): boolean {
  return DOMAIN.test(normalizeDomain(value));
}

/** The prefix of an onmicrosoft.com domain, or the registrable label of any other: "mail.contoso.co.uk" → "contoso". */
export function domainLabel(value: string): string {
  const domain = normalizeDomain(value);
  if (domain.endsWith(MICROSOFT_SUFFIX))
    return domain.slice(0, -MICROSOFT_SUFFIX.length).split('.').pop() ?? '';
  const labels = domain.split('.');
  if (labels.length > 1) labels.pop();
  if (labels.length > 1 && SECOND_LEVEL.has(labels[labels.length - 1])) labels.pop();
  return labels[labels.length - 1] ?? '';
}

/** The prefix before ".onmicrosoft.com", or undefined for any other domain. */
export function onMicrosoftPrefix(value: string): string | undefined {
  const domain = normalizeDomain(value);
  return domain.endsWith(MICROSOFT_SUFFIX) ? domain.slice(0, -MICROSOFT_SUFFIX.length) : undefined;
}
