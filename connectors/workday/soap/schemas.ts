// Zod building blocks for Workday SOAP replies after XML→object conversion: text elements, xs:boolean, dates with offsets, references, Response_Results.
import { z } from 'zod';

/** An element that may be present but empty (`<x/>` parses as ''): empty reads as absent. */
export function present<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
}

/** Text of an element, whether or not it carries attributes. */
export const wdText = z.preprocess((v) => (v && typeof v === 'object' && '#text' in v ? (v as { '#text': unknown })['#text'] : v), z.string());

/** xs:boolean: Workday writes 1/0, other tools true/false. */
export const wdBoolean = z.preprocess(
  (v) => (v && typeof v === 'object' && '#text' in v ? (v as { '#text': unknown })['#text'] : v),
  z.enum(['1', '0', 'true', 'false']).transform((v) => v === '1' || v === 'true'),
);

/** xs:date, with or without its offset (Workday writes 2024-01-15-08:00): the calendar date as YYYY-MM-DD. */
export const wdDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?$/, 'expected an xs:date')
  .transform((v) => v.slice(0, 10));

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/** An xs:dateTime as epoch ms (a value without offset is read as UTC); null when unreadable. */
export function parseWorkdayDateTime(value: string): number | null {
  const m = DATE_TIME.exec(value.trim());
  if (!m) return null;
  const [, date, time, fraction, offset] = m;
  const ms = Date.parse(`${date}T${time}${(fraction ?? '').slice(0, 4)}${offset ?? 'Z'}`);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * xs:dateTime. Keeps `date` as written (the calendar date where the tenant is, which is what an
 * effective moment means) and `ms` as the instant (what entry moments are compared by).
 */
export const wdDateTime = z.string().transform((value, ctx) => {
  const ms = parseWorkdayDateTime(value);
  if (ms === null) {
    ctx.addIssue({ code: 'custom', message: 'expected an xs:dateTime' });
    return z.NEVER;
  }
  return { date: value.slice(0, 10), ms };
});

export const wdIdSchema = z.object({ '#text': z.string(), '@_type': z.string() });

/** A reference: typed IDs (WID, Employee_ID, …) and, when asked for, a Descriptor. */
export const wdReferenceSchema = z.object({
  ID: z.array(wdIdSchema).default([]),
  '@_Descriptor': z.string().optional(),
});
export type WdReference = z.output<typeof wdReferenceSchema>;

/** The ID of one type out of a reference. */
export function refId(reference: WdReference | undefined, type: string): string | undefined {
  return reference?.ID.find((id) => id['@_type'] === type)?.['#text'];
}

const count = z.preprocess((v) => (v && typeof v === 'object' && '#text' in v ? (v as { '#text': unknown })['#text'] : v), z.string().regex(/^\d+$/).transform(Number));

/** Response_Results of every Get_ operation. */
export const responseResultsSchema = z.object({
  Total_Results: count,
  Total_Pages: count,
  Page_Results: present(count),
  Page: count,
});
export type ResponseResults = z.output<typeof responseResultsSchema>;
