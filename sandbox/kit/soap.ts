// SOAP 1.1 plumbing every simulated SOAP service shares: a namespace-aware reading of request envelopes, and replies and faults built with fast-xml-parser.
import type { Response } from 'express';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';

export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const WSSE_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
export const WSSE_PASSWORD_TEXT = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText';

/** One element of a parsed request, with its namespace resolved from the xmlns declarations in scope. */
export interface XmlElement {
  /** Local name, without prefix. */
  name: string;
  /** Namespace URI; null when the element is in no namespace. */
  ns: string | null;
  /** Attributes by local name (prefix dropped); xmlns declarations are left out. */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated, trimmed text content of this element itself (not of its children). */
  text: string;
}

/** The request could not be read as XML or is not a SOAP 1.1 envelope. */
export class SoapRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SoapRequestError';
  }
}

const orderedParser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Entities beyond XML's five are never needed in a SOAP request; refusing DOCTYPE expansion keeps the sandbox safe.
  processEntities: { enabled: true, maxEntityCount: 0 },
});

type OrderedNode = Record<string, unknown>;

function splitName(qualified: string): { prefix: string | null; local: string } {
  const colon = qualified.indexOf(':');
  return colon < 0 ? { prefix: null, local: qualified } : { prefix: qualified.slice(0, colon), local: qualified.slice(colon + 1) };
}

function toElements(nodes: unknown, scope: ReadonlyMap<string | null, string>): { elements: XmlElement[]; text: string } {
  const elements: XmlElement[] = [];
  let text = '';
  if (!Array.isArray(nodes)) return { elements, text };
  for (const node of nodes as OrderedNode[]) {
    if ('#text' in node) {
      text += String(node['#text']);
      continue;
    }
    const tag = Object.keys(node).find((k) => k !== ':@');
    if (!tag) continue;
    const rawAttrs = (node[':@'] ?? {}) as Record<string, unknown>;
    const innerScope = new Map(scope);
    const attrs: Record<string, string> = {};
    for (const [key, value] of Object.entries(rawAttrs)) {
      if (key === 'xmlns') innerScope.set(null, String(value));
      else if (key.startsWith('xmlns:')) innerScope.set(key.slice('xmlns:'.length), String(value));
    }
    for (const [key, value] of Object.entries(rawAttrs)) {
      if (key === 'xmlns' || key.startsWith('xmlns:')) continue;
      attrs[splitName(key).local] = String(value);
    }
    const { prefix, local } = splitName(tag);
    const ns = innerScope.get(prefix) ?? null;
    if (prefix !== null && ns === null) throw new SoapRequestError(`undeclared namespace prefix ${prefix}`);
    const inner = toElements(node[tag], innerScope);
    elements.push({ name: local, ns, attrs, children: inner.elements, text: inner.text.trim() });
  }
  return { elements, text };
}

/** Parses an XML document into namespace-resolved elements; throws SoapRequestError when it is not well-formed. */
export function parseXmlDocument(xml: string): XmlElement {
  let parsed: unknown;
  try {
    parsed = orderedParser.parse(xml, true);
  } catch (err) {
    throw new SoapRequestError(`request is not well-formed XML: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  }
  const { elements } = toElements(parsed, new Map());
  const [root, ...rest] = elements;
  if (!root || rest.length > 0) throw new SoapRequestError('request must hold exactly one root element');
  return root;
}

export interface SoapRequest {
  envelope: XmlElement;
  header: XmlElement | undefined;
  /** The one element inside Body: the operation's request element. */
  operation: XmlElement;
}

/** Reads a SOAP 1.1 envelope: Envelope and Body in the SOAP namespace, exactly one element in the Body. */
export function readSoapRequest(xml: string): SoapRequest {
  const envelope = parseXmlDocument(xml);
  if (envelope.name !== 'Envelope' || envelope.ns !== SOAP_ENV_NS) throw new SoapRequestError(`expected a SOAP 1.1 Envelope in ${SOAP_ENV_NS}`);
  const header = child(envelope, 'Header', SOAP_ENV_NS);
  const body = child(envelope, 'Body', SOAP_ENV_NS);
  if (!body) throw new SoapRequestError('the envelope has no Body');
  const [operation, ...more] = body.children;
  if (!operation || more.length > 0) throw new SoapRequestError('the Body must hold exactly one request element');
  return { envelope, header, operation };
}

/** The WS-Security UsernameToken of the header, if any. */
export function readUsernameToken(header: XmlElement | undefined): { username: string; password: string } | null {
  const security = header ? child(header, 'Security', WSSE_NS) : undefined;
  const token = security ? child(security, 'UsernameToken', WSSE_NS) : undefined;
  if (!token) return null;
  const username = child(token, 'Username', WSSE_NS)?.text;
  const password = child(token, 'Password', WSSE_NS);
  if (username === undefined || !password) return null;
  // Only PasswordText is simulated; a digest would need the nonce and creation time.
  if (password.attrs['Type'] && password.attrs['Type'] !== WSSE_PASSWORD_TEXT) return null;
  return { username, password: password.text };
}

// ---- reading helpers ----

export function child(parent: XmlElement, name: string, ns?: string): XmlElement | undefined {
  return parent.children.find((c) => c.name === name && (ns === undefined || c.ns === ns));
}

export function children(parent: XmlElement, name: string, ns?: string): XmlElement[] {
  return parent.children.filter((c) => c.name === name && (ns === undefined || c.ns === ns));
}

/** xs:boolean text: "1"/"true" or "0"/"false"; undefined when absent, null when it is something else. */
export function parseXsBoolean(text: string | undefined): boolean | undefined | null {
  if (text === undefined) return undefined;
  if (text === '1' || text === 'true') return true;
  if (text === '0' || text === 'false') return false;
  return null;
}

/** An element holding an xs:boolean (see parseXsBoolean). */
export function readBoolean(element: XmlElement | undefined): boolean | undefined | null {
  return parseXsBoolean(element?.text);
}

/** Every element in the tree whose namespace is not one of `allowed` (for checking a request uses the service namespace). */
export function elementsOutside(root: XmlElement, allowed: readonly string[]): XmlElement[] {
  const found: XmlElement[] = [];
  const visit = (e: XmlElement): void => {
    if (e.ns === null || !allowed.includes(e.ns)) found.push(e);
    e.children.forEach(visit);
  };
  visit(root);
  return found;
}

// ---- building replies ----

/** Element content as plain data: keys are element names, `@name` keys are attributes, `#text` is text; arrays repeat the element. */
export type XmlValue = string | number | boolean | null | undefined | XmlObject | XmlValue[];
export interface XmlObject {
  [key: string]: XmlValue;
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: true,
  suppressBooleanAttributes: false,
});

function scalar(value: string | number | boolean): string {
  // Workday writes booleans as 1 and 0.
  return typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
}

/**
 * Puts every element and attribute of `value` into the namespace `prefix`. Keys that already carry a
 * prefix (`env:Body`, `@xmlns:wd`) stay as they are; null and undefined are left out.
 */
export function qualify(value: XmlValue, prefix: string): unknown {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return value.filter((v) => v !== null && v !== undefined).map((v) => qualify(v, prefix));
  if (typeof value !== 'object') return scalar(value);
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (inner === null || inner === undefined) continue;
    if (key === '#text') out[key] = typeof inner === 'object' ? '' : scalar(inner);
    else if (key.startsWith('@')) {
      const name = key.slice(1);
      out[`@_${name.includes(':') || name === 'xmlns' ? name : `${prefix}:${name}`}`] = typeof inner === 'object' ? '' : scalar(inner);
    } else out[key.includes(':') ? key : `${prefix}:${key}`] = qualify(inner, prefix);
  }
  return out;
}

const XML_DECLARATION = { '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' } };

/** A complete SOAP 1.1 reply whose body holds `element` (already qualified, e.g. `wd:Get_Workers_Response`). */
export function soapEnvelope(bodyContent: Record<string, unknown>): string {
  return builder.build({
    ...XML_DECLARATION,
    'env:Envelope': { '@_xmlns:env': SOAP_ENV_NS, 'env:Body': bodyContent },
  }) as string;
}

export interface SoapFault {
  /** e.g. `SOAP-ENV:Client.validationError`; the SOAP-ENV prefix is declared on the Fault. */
  faultcode: string;
  faultstring: string;
  /** Content of `detail`, already qualified (e.g. `{ 'wd:Validation_Fault': … }`). */
  detail?: Record<string, unknown>;
  /** Namespaces the detail uses, declared on the Fault element. */
  namespaces?: Record<string, string>;
}

/** A SOAP 1.1 fault envelope shaped like Workday's: SOAP-ENV prefix, unqualified faultcode/faultstring/detail. */
export function soapFaultEnvelope(fault: SoapFault): string {
  const declarations = Object.fromEntries(Object.entries(fault.namespaces ?? {}).map(([prefix, uri]) => [`@_xmlns:${prefix}`, uri]));
  return builder.build({
    ...XML_DECLARATION,
    'SOAP-ENV:Envelope': {
      '@_xmlns:SOAP-ENV': SOAP_ENV_NS,
      'SOAP-ENV:Body': {
        'SOAP-ENV:Fault': {
          '@_xmlns:SOAP-ENV': SOAP_ENV_NS,
          ...declarations,
          faultcode: fault.faultcode,
          faultstring: fault.faultstring,
          ...(fault.detail ? { detail: fault.detail } : {}),
        },
      },
    },
  }) as string;
}

/** SOAP 1.1 answers every fault with HTTP 500 unless told otherwise. */
export function sendSoap(res: Response, status: number, xml: string): void {
  res.status(status).type('text/xml; charset=utf-8').send(xml);
}
