// Graph's error answers: `{ error: { code, message, innerError: { date, request-id, client-request-id } } }`.
import { jsonResponse, type SandboxResponse } from '../httpExchange.js';

export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const defaultErrorCodes: Readonly<Record<number, string>> = {
  400: 'BadRequest',
  401: 'InvalidAuthenticationToken',
  403: 'Authorization_RequestDenied',
  404: 'ResourceNotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  412: 'PreconditionFailed',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

export interface RequestIds {
  requestId: string;
  clientRequestId: string;
}

export function graphErrorResponse(error: GraphError, ids: RequestIds): SandboxResponse {
  return jsonResponse(
    error.status,
    {
      error: {
        code: error.code,
        message: error.message,
        innerError: {
          date: new Date().toISOString().replace(/\.\d+Z$/, ''),
          'request-id': ids.requestId,
          'client-request-id': ids.clientRequestId,
        },
      },
    },
    error.headers,
  );
}

export const badRequest = (message: string) => new GraphError(400, 'BadRequest', message);
export const notFound = (message: string) => new GraphError(404, 'ResourceNotFound', message);
