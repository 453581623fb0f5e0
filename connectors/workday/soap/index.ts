// Workday Web Services (SOAP): the one layer every SOAP operation of the integration goes through.
export * from './soap-client';
export * from './get-workers';
export * from './cost-centers';
export * from './suppliers';
export { buildSoapRequest, parseSoapReply, WD_NS, SOAP_ENV_NS, type WdObject, type WdValue, type SoapFaultInfo, type SoapReply } from './envelope';
export { failureForSoapFault, NOT_IMPLEMENTED, type SoapRequestSummary } from './faults';
export { present, refId, responseResultsSchema, wdBoolean, wdDate, wdDateTime, wdReferenceSchema, wdText, type ResponseResults, type WdReference } from './schemas';
export * from './payables';
export * from './financials';
export * from './get-worker-profile';
