// Entra ID's OAuth error answers: an `error` code plus an AADSTS number and text, as MSAL parses them.
import { randomUUID } from 'node:crypto';
import { jsonResponse, type SandboxResponse } from '../httpExchange.js';

export class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly aadsts: number,
    readonly description: string,
    readonly status = 400,
    // Entra adds one to some invalid_grant answers (consent_required); MSAL turns it into an interaction-required error.
    readonly suberror?: string,
  ) {
    super(`AADSTS${aadsts}: ${description}`);
  }
}

export function oauthErrorResponse(error: OAuthError, headers: Record<string, string> = {}): SandboxResponse {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  return jsonResponse(
    error.status,
    {
      error: error.error,
      // Entra puts the ids on lines of their own, separated by CRLF, after the AADSTS text.
      error_description: `${error.message}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
      error_codes: [error.aadsts],
      ...(error.suberror ? { suberror: error.suberror } : {}),
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${error.aadsts}`,
    },
    { 'cache-control': 'no-store', ...headers },
  );
}
