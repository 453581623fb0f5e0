// SOAP 1.1 envelopes for Workday Web Services: requests built with XMLBuilder (WS-Security UsernameToken, Workday_Common_Header), replies parsed into plain objects.
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { z } from 'zod';

export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
/** Workday's one namespace for every service and version. */
export const WD_NS = 'urn:com.workday/bsvc';
export const WSSE_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
export const WSSE_PASSWORD_TEXT = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText';

/**
 * Element content as plain data, in Workday's element names without prefix: keys are child
 * elements (in schema order: the builder keeps insertion order), `@name` keys attributes, `#text`
 * text; arrays repeat an element; null and undefined are left out.
 */
export type WdValue = string | number | boolean | null | undefined | WdObject | readonly WdValue[];
export interface WdObject {
  readonly [key: string]: WdValue;
}

export interface UsernameToken {
  /** `user@tenant`. */
  username: string;
  password: string;
}

// suppressBooleanAttributes off: the default writes an attribute whose value is "true" without a value, which is not XML.
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: true, suppressBooleanAttributes: false });

/** Puts every element and unprefixed attribute into the bsvc namespace. */
function qualify(value: WdValue): unknown {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return (value as readonly WdValue[]).filter((v) => v !== null && v !== undefined).map(qualify);
  if (typeof value !== 'object') return String(value);
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value as WdObject)) {
    if (inner === null || inner === undefined) continue;
    if (key === '#text') out[key] = String(inner);
    else if (key.startsWith('@')) out[`@_${key.includes(':') ? key.slice(1) : `bsvc:${key.slice(1)}`}`] = String(inner);
    else out[`bsvc:${key}`] = qualify(inner);
  }
  return out;
}

export interface SoapRequestInput {
  /** Operation name without `_Request`, e.g. Get_Workers. */
  operation: string;
  /** Web service version, e.g. v45.0 (also sent as the request element's bsvc:version). */
  version: string;
  body: WdObject;
  /** WS-Security credentials; omitted when the call authenticates with a bearer token. */
  usernameToken?: UsernameToken;
}

/** The request envelope as XML text. */
export function buildSoapRequest(input: SoapRequestInput): string {
  const header: Record<string, unknown> = {};
  if (input.usernameToken) {
    header['wsse:Security'] = {
      '@_xmlns:wsse': WSSE_NS,
      '@_env:mustUnderstand': '1',
      'wsse:UsernameToken': {
        'wsse:Username': input.usernameToken.username,
        'wsse:Password': { '@_Type': WSSE_PASSWORD_TEXT, '#text': input.usernameToken.password },
      },
    };
  }
  // Descriptors make references readable in logs of the raw XML and cost nothing to ignore.
  header['bsvc:Workday_Common_Header'] = { 'bsvc:Include_Reference_Descriptors_In_Response': 'true' };
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    'env:Envelope': {
      '@_xmlns:env': SOAP_ENV_NS,
      '@_xmlns:bsvc': WD_NS,
      'env:Header': header,
      'env:Body': { [`bsvc:${input.operation}_Request`]: { '@_bsvc:version': input.version, ...(qualify(input.body) as Record<string, unknown>) } },
    },
  }) as string;
}

// ---- replies ----

/** Elements that repeat in every service's replies; each operation adds its own. */
export const COMMON_ARRAY_ELEMENTS: ReadonlySet<string> = new Set(['ID', 'Validation_Error']);

export interface SoapValidationError {
  message: string;
  detailMessage?: string | undefined;
  xpath?: string | undefined;
}

export interface SoapFaultInfo {
  /** e.g. SOAP-ENV:Client.validationError. */
  faultcode: string;
  faultstring: string;
  /** Validation_Fault/Validation_Error entries, in order. */
  validationErrors: SoapValidationError[];
  /** Processing_Fault/Detail_Message, when the fault has one. */
  processingMessage?: string | undefined;
}

export type SoapReply = { kind: 'fault'; fault: SoapFaultInfo } | { kind: 'response'; element: string; content: unknown };

const text = z.preprocess((v) => (v && typeof v === 'object' && '#text' in v ? (v as { '#text': unknown })['#text'] : v), z.string());
const optionalText = z.preprocess((v) => (v === '' ? undefined : v), text.optional());

const faultSchema = z.object({
  faultcode: text,
  faultstring: optionalText,
  detail: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .object({
        Validation_Fault: z.preprocess(
          (v) => (v === '' ? undefined : v),
          z.object({ Validation_Error: z.array(z.object({ Message: optionalText, Detail_Message: optionalText, Xpath: optionalText })).optional() }).optional(),
        ),
        Processing_Fault: z.preprocess((v) => (v === '' ? undefined : v), z.object({ Detail_Message: optionalText }).optional()),
      })
      .optional(),
  ),
});

/**
 * Reads a reply: the fault, or the one element in the Body with its content. Null when the text is
 * not a SOAP envelope at all (an HTML error page, a proxy's JSON). Namespace prefixes are dropped:
 * Workday's replies use one namespace, and prefixes differ between tenants' proxies.
 */
export function parseSoapReply(xml: string, arrayElements: ReadonlySet<string> = COMMON_ARRAY_ELEMENTS): SoapReply | null {
  const parser = new XMLParser({
    removeNSPrefix: true,
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    processEntities: { enabled: true, maxEntityCount: 0 },
    isArray: (name) => arrayElements.has(name) || COMMON_ARRAY_ELEMENTS.has(name),
  });
  let document: unknown;
  try {
    if (!xml.trimStart().startsWith('<')) return null;
    document = parser.parse(xml);
  } catch {
    return null;
  }
  const envelope = (document as Record<string, unknown> | null)?.['Envelope'];
  const body = envelope && typeof envelope === 'object' ? (envelope as Record<string, unknown>)['Body'] : undefined;
  if (!body || typeof body !== 'object') return null;
  const entries = Object.entries(body as Record<string, unknown>).filter(([key]) => !key.startsWith('@_'));
  const [first] = entries;
  if (!first || entries.length !== 1) return null;
  const [element, content] = first;
  if (element === 'Fault') {
    const parsed = faultSchema.safeParse(content);
    if (!parsed.success) return null;
    const { faultcode, faultstring, detail } = parsed.data;
    return {
      kind: 'fault',
      fault: {
        faultcode,
        faultstring: faultstring ?? '',
        validationErrors: (detail?.Validation_Fault?.Validation_Error ?? []).flatMap((e) => {
          const message = e.Message ?? e.Detail_Message;
          return message ? [{ message, detailMessage: e.Detail_Message, xpath: e.Xpath }] : [];
        }),
        processingMessage: detail?.Processing_Fault?.Detail_Message,
      },
    };
  }
  return { kind: 'response', element, content };
}
