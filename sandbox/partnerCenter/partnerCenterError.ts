// Partner Center's error answers: `{ code, description, data, source }` with MS-RequestId and MS-CorrelationId headers.
import { randomUUID } from 'node:crypto';
import { headerValue, jsonResponse, type SandboxRequest, type SandboxResponse } from '../httpExchange.js';

export class PartnerCenterError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly description: string,
  ) {
    super(description);
  }
}

// Partner Center echoes the caller's correlation id so support can follow one operation across calls.
export function partnerCenterHeaders(request: SandboxRequest): Record<string, string> {
  return {
    'ms-requestid': headerValue(request.headers, 'ms-requestid') ?? randomUUID(),
    'ms-correlationid': headerValue(request.headers, 'ms-correlationid') ?? randomUUID(),
  };
}

export function partnerCenterErrorResponse(
  error: PartnerCenterError,
  request: SandboxRequest,
): SandboxResponse {
  const headers = partnerCenterHeaders(request);
  if (error.status === 401) headers['www-authenticate'] = 'Bearer realm="api.partnercenter.microsoft.com"';
  return jsonResponse(
    error.status,
    { code: error.code, description: error.description, data: [], source: 'PartnerFD' },
    headers,
  );
}
