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
      error_description: `${error.message} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [error.aadsts],
      ...(error.suberror ? { suberror: error.suberror } : {}),
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
    },
    { 'cache-control': 'no-store', ...headers },
  );
}
