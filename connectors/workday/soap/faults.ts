// SOAP faults and unusable replies → the connectors' typed ApplicationFailures (ValidationFailed, AuthFailed, Unavailable, InvalidResponse).
import { ApplicationFailure } from '@temporalio/common';
import type { z } from 'zod';
import { ConnectorErrorTypes, type FailureContext, type RequestSummary } from '../../http/errors';
import type { SoapFaultInfo } from './envelope';

/** Which SOAP call failed: the URL path plus the operation; never the body (it holds credentials and personal data). */
export interface SoapRequestSummary extends RequestSummary {
  operation: string;
}

/**
 * `type` of the failure for a service, version or operation the tenant does not offer: a contract
 * problem no retry fixes (parked as `contract`, see PARKING_CATEGORY_BY_FAILURE_TYPE).
 */
export const NOT_IMPLEMENTED = ConnectorErrorTypes.NotImplemented;

function describe(ctx: SoapRequestSummary): string {
  return `${ctx.system} ${ctx.operation} (${ctx.method.toUpperCase()} ${ctx.path})`;
}

/** The request id Workday gave the call (when it sent one) ends the message, for a support ticket; it is in the context too. */
function create(ctx: SoapRequestSummary, type: string, message: string, nonRetryable: boolean, details: unknown[], nextRetryDelayMs?: number): ApplicationFailure {
  return ApplicationFailure.create({
    type,
    message: ctx.requestId ? `${message} (request id ${ctx.requestId})` : message,
    nonRetryable,
    details,
    ...(nextRetryDelayMs !== undefined ? { nextRetryDelay: nextRetryDelayMs } : {}),
  });
}

/** The part after the SOAP-ENV prefix: Client.validationError, Server, … */
function faultKind(faultcode: string): string {
  const colon = faultcode.indexOf(':');
  return colon < 0 ? faultcode : faultcode.slice(colon + 1);
}

/**
 * Classifies a SOAP fault. Workday answers faults with HTTP 500 whatever their cause, so the
 * faultcode decides: authentication and authorization → AuthFailed; validation → ValidationFailed
 * with Workday's own messages (they name the offending value and the Xpath, so people can fix the
 * data); an unknown service, version or operation → NotImplemented; any other Client fault →
 * ValidationFailed; Server faults → Unavailable (retryable, Retry-After honoured).
 */
export function failureForSoapFault(ctx: SoapRequestSummary, fault: SoapFaultInfo, status: number, retryAfterMs?: number): ApplicationFailure {
  const kind = faultKind(fault.faultcode);
  const context: FailureContext & { operation: string; faultcode: string } = {
    ...ctx,
    status,
    faultcode: fault.faultcode,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  };
  const where = describe(ctx);

  if (/authentication|authorization|permission|security/i.test(kind)) {
    // Workday's wording ("invalid username or password") names no credential.
    return create(ctx, ConnectorErrorTypes.AuthFailed, `${where}: not authenticated or not permitted (${fault.faultstring || kind})`, true, [context]);
  }
  if (fault.validationErrors.length > 0 || /validation/i.test(kind)) {
    const messages = [...new Set(fault.validationErrors.map((e) => e.message))];
    const message = messages.length > 0 ? messages.join('; ') : fault.faultstring.replace(/^Validation error occurred\.\s*/, '') || `${where}: request rejected`;
    const errors = fault.validationErrors.map((e) => ({ message: e.message, ...(e.xpath ? { xpath: e.xpath } : {}) }));
    return create(ctx, ConnectorErrorTypes.ValidationFailed, message, true, [errors, context]);
  }
  if (/web service or version is invalid/i.test(fault.faultstring)) {
    return create(ctx, NOT_IMPLEMENTED, `${where}: the tenant does not offer this web service, version or operation (${fault.faultstring})`, true, [context]);
  }
  if (/^Server/i.test(kind)) {
    return create(
      ctx,
      ConnectorErrorTypes.Unavailable,
      `${where} → ${status}: Workday server fault${retryAfterMs !== undefined ? `, retry after ${retryAfterMs} ms` : ''}`,
      false,
      [context],
      retryAfterMs,
    );
  }
  // Client faults other than validation (processing errors): the request cannot succeed as it is.
  const message = fault.processingMessage ?? fault.faultstring;
  return create(ctx, ConnectorErrorTypes.ValidationFailed, message || `${where}: request rejected (${kind})`, true, [[{ message }], context]);
}

/** A reply that is not a SOAP envelope, or an envelope holding another element than the operation's response. */
export function failureForUnexpectedReply(ctx: SoapRequestSummary, status: number, what: string): ApplicationFailure {
  return create(ctx, ConnectorErrorTypes.InvalidResponse, `${describe(ctx)}: unexpected reply: ${what}`, true, [{ ...ctx, status }]);
}

/** A response element that does not match its schema: issue paths and codes, never the values. */
export function failureForSchemaMismatch(ctx: SoapRequestSummary, error: z.ZodError): ApplicationFailure {
  const issues = error.issues.slice(0, 10).map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.code}`);
  const more = error.issues.length > 10 ? ` (+${error.issues.length - 10} more)` : '';
  return create(ctx, ConnectorErrorTypes.InvalidResponse, `${describe(ctx)}: unexpected response shape: ${issues.join('; ')}${more}`, true, [
    { ...ctx, status: 200, issues: error.issues.map((i) => ({ path: i.path.map(String), code: i.code })) },
  ]);
}
