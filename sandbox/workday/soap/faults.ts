// Workday's SOAP faults: faultcode/faultstring as tenants send them, Validation_Fault details with Message, Detail_Message and Xpath.
import type { SoapFault } from '../../kit/soap';

export const WD_NS = 'urn:com.workday/bsvc';

/** A fault a SOAP operation raises; the dispatcher answers it with `status` (SOAP 1.1: 500). */
export class WorkdaySoapFault extends Error {
  constructor(
    readonly fault: SoapFault,
    readonly status = 500,
  ) {
    super(fault.faultstring);
    this.name = 'WorkdaySoapFault';
  }
}

export interface ValidationError {
  message: string;
  /** Where in the request, e.g. /bsvc:Get_Workers_Request[1]/bsvc:Request_References[1]/bsvc:Worker_Reference[1]/bsvc:ID[1]. */
  xpath?: string;
}

/**
 * A Validation_Fault: faultcode SOAP-ENV:Client.validationError, faultstring "Validation error
 * occurred. <first message>", one Validation_Error per problem (shape as Workday tenants send it).
 */
export function validationFault(errors: readonly [ValidationError, ...ValidationError[]]): WorkdaySoapFault {
  return new WorkdaySoapFault({
    faultcode: 'SOAP-ENV:Client.validationError',
    faultstring: `Validation error occurred. ${errors[0].message}`,
    namespaces: { wd: WD_NS },
    detail: {
      'wd:Validation_Fault': {
        'wd:Validation_Error': errors.map((e) => ({
          'wd:Message': e.message,
          'wd:Detail_Message': e.message,
          ...(e.xpath ? { 'wd:Xpath': e.xpath } : {}),
        })),
      },
    },
  });
}

/** Workday's wording for a reference it cannot resolve. */
export function invalidIdValue(value: string, type: string, xpath?: string): WorkdaySoapFault {
  return validationFault([{ message: `Invalid ID value. '${value}' is not a valid ID value for type = '${type}'`, ...(xpath ? { xpath } : {}) }]);
}

/** A wrong ISU user name or password (HTTP 500, as tenants answer it). */
export function authenticationFault(): WorkdaySoapFault {
  return new WorkdaySoapFault({ faultcode: 'SOAP-ENV:Client.authenticationError', faultstring: 'invalid username or password', namespaces: { wd: WD_NS } });
}

/** [U] A request Workday cannot route: unknown service, version or operation (wording seen in tenants' answers). */
export function unknownOperationFault(): WorkdaySoapFault {
  return new WorkdaySoapFault({ faultcode: 'SOAP-ENV:Client', faultstring: 'The web service or version is invalid for the requested operation', namespaces: { wd: WD_NS } });
}

/** [U] A request that is not a readable SOAP envelope. */
export function malformedRequestFault(reason: string): WorkdaySoapFault {
  return new WorkdaySoapFault({ faultcode: 'SOAP-ENV:Client', faultstring: `Unparseable request: ${reason}`, namespaces: { wd: WD_NS } });
}

/** A sandbox bug reads as Workday's internal error. */
export function internalFault(): WorkdaySoapFault {
  return new WorkdaySoapFault({ faultcode: 'SOAP-ENV:Server', faultstring: 'An internal error occurred', namespaces: { wd: WD_NS } });
}

/** Builds an Xpath into the request the way Workday reports it: bsvc prefix, 1-based positions. */
export function xpathOf(...steps: Array<[name: string, position?: number]>): string {
  return steps.map(([name, position]) => `/bsvc:${name}[${position ?? 1}]`).join('');
}
