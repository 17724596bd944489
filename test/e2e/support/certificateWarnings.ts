// Chromium's "Your connection is not private" page, noticed the moment a browser test would show it to a person.
import type { BrowserContext, Request } from 'playwright-core';

export interface CertificateWatch {
  /** Rejects, naming the address, as soon as a page of the context is refused for its certificate. */
  readonly refused: Promise<never>;
  stop(): void;
}

export function watchCertificateWarnings(context: BrowserContext): CertificateWatch {
  let stop = () => {};
  const refused = new Promise<never>((_, reject) => {
    const onFailed = (request: Request) => {
      const reason = request.failure()?.errorText ?? '';
      if (!/ERR_CERT_/.test(reason)) return;
      // Origin and path only: a sign-in address carries its state and PKCE challenge in the query.
      const url = new URL(request.url());
      reject(new Error(`Chromium warned about the certificate of ${url.origin}${url.pathname} (${reason})`));
    };
    context.on('requestfailed', onFailed);
    stop = () => context.off('requestfailed', onFailed);
  });
  // A watch that ends without a warning must not leave an unhandled rejection behind.
  refused.catch(() => undefined);
  return { refused, stop };
}
