// Reading references and amounts out of accounts-payable SOAP requests, and writing payables records as Workday replies them.
import { child, children, type XmlElement, type XmlObject } from '../../kit/soap';
import { formatCents, toCents } from '../payables-store';
import { WorkdayStoreError } from '../store';
import { validationFault, type WorkdaySoapFault } from './faults';

/** The ID of one type inside a reference element (`<Supplier_Reference><ID type="Supplier_ID">…`). */
export function referenceId(reference: XmlElement | undefined, type: string): string | undefined {
  return reference ? children(reference, 'ID').find((id) => id.attrs['type'] === type)?.text : undefined;
}

export function text(parent: XmlElement, name: string): string | undefined {
  const value = child(parent, name)?.text;
  return value === undefined || value === '' ? undefined : value;
}

/** An amount element in cents; a fault naming the element when it is not a decimal. */
export function cents(parent: XmlElement, name: string, xpath: string): number | undefined {
  const value = text(parent, name);
  if (value === undefined) return undefined;
  try {
    return toCents(value);
  } catch (err) {
    if (err instanceof WorkdayStoreError) throw badValue(`Invalid decimal value '${value}' for ${name}`, xpath);
    throw err;
  }
}

export function badValue(message: string, xpath: string): WorkdaySoapFault {
  return validationFault([{ message, xpath }]);
}

export const amount = (c: number): string => formatCents(c);

export function ref(type: string, id: string, wid?: string): XmlObject {
  return { ID: [...(wid ? [{ '@type': 'WID', '#text': wid }] : []), { '@type': type, '#text': id }] };
}
