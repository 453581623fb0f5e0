// POST /ccx/service/{tenant}/{Service}/{version}: reads the envelope, checks WS-Security or a bearer token, routes on the request element to one registered operation.
import express, { type Request, type Response, type Router } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { child, elementsOutside, qualify, readBoolean, readSoapRequest, readUsernameToken, sendSoap, soapEnvelope, soapFaultEnvelope, SoapRequestError } from '../../kit/soap';
import type { WorkdayTokenIssuer } from '../oauth';
import type { WorkdayStore } from '../store';
import type { WorkdaySoapConfig } from './config';
import { authenticationFault, internalFault, malformedRequestFault, unknownOperationFault, validationFault, WD_NS, WorkdaySoapFault, xpathOf } from './faults';
import { getWorkers } from './Human_Resources/Get_Workers';
import { getBusinessUnits } from './Financial_Management/Get_Business_Units';
import { getCostCenters } from './Financial_Management/Get_Cost_Centers';
import { getWorkdayCompanies } from './Financial_Management/Get_Workday_Companies';
import { getSuppliers } from './Resource_Management/Get_Suppliers';
import { putSupplier } from './Resource_Management/Put_Supplier';
import { getJournals } from './Financial_Management/Get_Journals';
import { submitAccountingJournal } from './Financial_Management/Submit_Accounting_Journal';
import type { SoapOperation } from './operation';
import { PAYABLES_SOAP_OPERATIONS } from './payables-operations';

/** Every simulated SOAP operation. A new one is a file under soap/<Service>/<Operation>.ts and one line here. */
export const SOAP_OPERATIONS: readonly SoapOperation[] = [
  getWorkers,
  getCostCenters,
  getWorkdayCompanies,
  getBusinessUnits,
  ...PAYABLES_SOAP_OPERATIONS,
  getSuppliers,
  putSupplier,
  submitAccountingJournal,
  getJournals,
];

/** The Integration System User's WS-Security credentials; the user name carries the tenant (`isu@tenant`). */
export interface IsuCredentials {
  username: string;
  password: string;
}

export interface SoapDispatcherOptions {
  tenant: string;
  store: WorkdayStore;
  config: WorkdaySoapConfig;
  tokens: WorkdayTokenIssuer;
  isu: IsuCredentials;
  operations?: readonly SoapOperation[];
}

const VERSION = /^v\d+(\.\d+)?$/;

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function sendFault(res: Response, fault: WorkdaySoapFault): void {
  sendSoap(res, fault.status, soapFaultEnvelope(fault.fault));
}

export function soapRouter(options: SoapDispatcherOptions): Router {
  const operations = options.operations ?? SOAP_OPERATIONS;
  const router = express.Router();

  const answer = (req: Request, res: Response): void => {
    const { tenant, service, version } = req.params as { tenant: string; service: string; version: string };
    const now = Date.now();

    // Credentials belong to one tenant, so another tenant's URL fails like a wrong password [U].
    if (tenant !== options.tenant) return sendFault(res, authenticationFault());

    const bearer = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    if (bearer?.[1] !== undefined && !options.tokens.isValid(bearer[1])) {
      return sendFault(res, new WorkdaySoapFault(authenticationFault().fault, options.config.invalidBearerStatus));
    }

    if (typeof req.body !== 'string' || req.body.trim() === '') return sendFault(res, malformedRequestFault('expected a text/xml SOAP envelope'));
    let request;
    try {
      request = readSoapRequest(req.body);
    } catch (err) {
      if (err instanceof SoapRequestError) return sendFault(res, malformedRequestFault(err.message));
      throw err;
    }

    if (!bearer) {
      const token = readUsernameToken(request.header);
      if (!token || !safeEqual(token.username, options.isu.username) || !safeEqual(token.password, options.isu.password)) {
        return sendFault(res, authenticationFault());
      }
    }

    const element = request.operation;
    const operation = VERSION.test(version) && element.ns === WD_NS && element.name.endsWith('_Request')
      ? operations.find((o) => o.service === service && `${o.operation}_Request` === element.name)
      : undefined;
    if (!operation) return sendFault(res, unknownOperationFault());
    // Counted by operation: every SOAP request shares one route, and a Get_ is a read, a Put_/Submit_ a write.
    res.locals.soapOperation = operation.operation;

    // Workday validates against its schema: an element outside urn:com.workday/bsvc is not part of the request.
    const stray = elementsOutside(element, [WD_NS])[0];
    if (stray) {
      return sendFault(res, validationFault([{ message: `Element '${stray.name}' in namespace '${stray.ns ?? ''}' is not valid here`, xpath: xpathOf([element.name]) }]));
    }

    const commonHeader = request.header ? child(request.header, 'Workday_Common_Header', WD_NS) : undefined;
    const includeDescriptors = commonHeader ? readBoolean(child(commonHeader, 'Include_Reference_Descriptors_In_Response', WD_NS)) === true : false;
    try {
      const content = operation.handle(element, { store: options.store, config: options.config, tenant, service, version, includeDescriptors, now });
      const response = qualify({ '@xmlns:wd': WD_NS, '@version': version, ...content }, 'wd') as Record<string, unknown>;
      sendSoap(res, 200, soapEnvelope({ [`wd:${operation.operation}_Response`]: response }));
    } catch (err) {
      if (err instanceof WorkdaySoapFault) return sendFault(res, err);
      console.error('workday sandbox: SOAP operation failed', err);
      sendFault(res, internalFault());
    }
  };

  router.post('/ccx/service/:tenant/:service/:version', express.text({ type: () => true, limit: '2mb' }), answer);
  return router;
}
