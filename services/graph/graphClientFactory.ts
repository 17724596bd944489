// Builds the Microsoft Graph client for a base URL from configuration: graph.microsoft.com or the sandbox.
import { Client } from '@microsoft/microsoft-graph-client';

export interface GraphClientOptions {
  /** e.g. https://graph.microsoft.com/v1.0, or the sandbox's https://127.0.0.1:PORT/v1.0 */
  graphBaseUrl: string;
  getAccessToken: () => Promise<string>;
}

export function createGraphClient({ graphBaseUrl, getAccessToken }: GraphClientOptions): Client {
  const url = new URL(graphBaseUrl);
  const segments = url.pathname.split('/').filter(Boolean);
  const version = segments.pop() ?? 'v1.0';
  const prefix = segments.map((segment) => `${segment}/`).join('');
  return Client.initWithMiddleware({
    authProvider: { getAccessToken },
    baseUrl: `${url.origin}/${prefix}`,
    defaultVersion: version,
    // The client attaches the bearer token only to Microsoft's hosts and these; it compares host names without the port.
    customHosts: new Set([url.hostname]),
  });
}
