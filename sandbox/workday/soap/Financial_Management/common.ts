// What the Financial_Management getters of the sandbox share: Response_Filter paging, Updated_From/To_Date criteria and reference IDs.
import { child, children, parseXsBoolean, type XmlElement, type XmlObject } from '../../../kit/soap';
import { parseXsDateTime } from '../../../kit/xsd-time';
import { invalidIdValue, validationFault, WorkdaySoapFault, xpathOf } from '../faults';
import type { SoapOperationContext } from '../operation';

export interface PageFilter {
  page: number;
  count: number;
}

function fault(message: string, xpath: string): WorkdaySoapFault {
  return validationFault([{ message, xpath }]);
}

/** Response_Filter Page and Count, as Get_Workers reads them (Count capped or refused per the SOAP config). */
export function readPageFilter(request: XmlElement, requestName: string, ctx: SoapOperationContext): PageFilter {
  const filter = child(request, 'Response_Filter');
  const positive = (name: string, fallback: number): number => {
    const raw = filter ? child(filter, name)?.text : undefined;
    if (raw === undefined || raw === '') return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < 1) throw fault(`${name} must be a whole number of at least 1, not '${raw}'`, xpathOf([requestName], ['Response_Filter'], [name]));
    return Number(raw);
  };
  const page = positive('Page', 1);
  let count = positive('Count', ctx.config.defaultCount);
  if (count > ctx.config.maxCount) {
    if (ctx.config.overMaxCount === 'clamp') count = ctx.config.maxCount;
    else throw fault(`Count must not exceed ${ctx.config.maxCount}`, xpathOf([requestName], ['Response_Filter'], ['Count']));
  }
  return { page, count };
}

/** Request_Criteria Updated_From_Date / Updated_To_Date (xs:dateTime, both optional): records changed inside the window. */
export function readUpdatedWindow(request: XmlElement, requestName: string, ctx: SoapOperationContext): { from?: number; to?: number } {
  const criteria = child(request, 'Request_Criteria');
  if (!criteria) return {};
  const read = (name: string): number | undefined => {
    const text = child(criteria, name)?.text;
    if (text === undefined || text === '') return undefined;
    const ms = parseXsDateTime(text, ctx.config.tenantUtcOffset);
    if (ms === null) throw fault(`Invalid date/time value '${text}' for ${name}`, xpathOf([requestName], ['Request_Criteria'], [name]));
    return ms;
  };
  const from = read('Updated_From_Date');
  const to = read('Updated_To_Date');
  return { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
}

/**
 * Request_References/<referenceName>: the records the IDs name, in request order. An unknown ID is a
 * Validation_Fault unless Skip_Non_Existing_Instances is set.
 */
export function readReferences<T>(request: XmlElement, requestName: string, referenceName: string, find: (type: string, id: string) => T | undefined): T[] | null {
  const references = child(request, 'Request_References');
  if (!references) return null;
  const skipMissing = parseXsBoolean(references.attrs['Skip_Non_Existing_Instances']) === true;
  const found: T[] = [];
  children(references, referenceName).forEach((reference, r) => {
    const ids = children(reference, 'ID');
    if (ids.length === 0) throw fault(`${referenceName} needs at least one ID`, xpathOf([requestName], ['Request_References'], [referenceName, r + 1]));
    let match: T | undefined;
    ids.forEach((id, i) => {
      const hit = find(id.attrs['type'] ?? '', id.text);
      if (!hit) {
        if (skipMissing) return;
        throw invalidIdValue(id.text, id.attrs['type'] ?? '', xpathOf([requestName], ['Request_References'], [referenceName, r + 1], ['ID', i + 1]));
      }
      match ??= hit;
    });
    if (match !== undefined && !found.includes(match)) found.push(match);
  });
  return found;
}

/** The page of `items` the filter asks for, with Response_Results ([U] an empty result reports 0 pages; a page past the end is empty). */
export function pageOf<T>(items: readonly T[], filter: PageFilter, element: string, view: (item: T) => XmlObject): XmlObject {
  const onPage = items.slice((filter.page - 1) * filter.count, filter.page * filter.count);
  return {
    Response_Filter: { Page: filter.page, Count: filter.count },
    Response_Results: { Total_Results: items.length, Total_Pages: Math.ceil(items.length / filter.count), Page_Results: onPage.length, Page: filter.page },
    Response_Data: { [element]: onPage.map(view) },
  };
}

export function id(type: string, text: string): XmlObject {
  return { '@type': type, '#text': text };
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
