// Coupa calls of the cost center sync: lookups and their lookup values (a tree by parent), accounts and account types, page by page, each write its own request.
import { z } from 'zod';
import { pathSegment, type CallOptions } from '../http/api-client';
import type { CoupaClient } from './client';

const text = z.union([z.string(), z.number().transform(String)]).nullish();
const ref = z.looseObject({ id: z.number().int().nullish(), name: text }).nullish();

export const coupaLookupSchema = z.looseObject({ id: z.number().int(), name: text, active: z.boolean().nullish() });
export type CoupaLookup = z.output<typeof coupaLookupSchema>;

/** A lookup value as the cost center sync compares it: name, active, its ref-num and its parent. */
export const coupaTreeLookupValueSchema = z.looseObject({
  id: z.number().int(),
  name: text,
  description: text,
  active: z.boolean().nullish(),
  'external-ref-num': text,
  /** Output only: the ref-nums from the root down, joined by "-" (how Coupa finds a node). */
  'external-ref-code': text,
  lookup: ref,
  'lookup-id': z.number().int().nullish(),
  parent: z.looseObject({ id: z.number().int().nullish(), 'external-ref-num': text }).nullish(),
  'parent-id': z.number().int().nullish(),
});
export type CoupaTreeLookupValue = z.output<typeof coupaTreeLookupValueSchema>;

export const coupaSegmentAccountSchema = z.looseObject({
  id: z.number().int(),
  name: text,
  code: text,
  active: z.boolean().nullish(),
  'account-type': ref,
  ...Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`segment-${i + 1}`, text])),
});
export type CoupaSegmentAccount = z.output<typeof coupaSegmentAccountSchema> & Record<`segment-${number}`, string | null | undefined>;

export const coupaAccountTypeSchema = z.looseObject({ id: z.number().int(), name: text, active: z.boolean().nullish() });
export type CoupaAccountType = z.output<typeof coupaAccountTypeSchema>;

/** POST/PUT /api/lookup_values: the lookup and the parent by id (the lookup must exist). */
export interface CoupaLookupValueWrite {
  name?: string;
  description?: string | null;
  active?: boolean;
  'external-ref-num'?: string;
  lookup?: { id: number };
  parent?: { id: number } | null;
}

/** POST/PUT /api/accounts: the code is output only, so an account is written through its segments. */
export interface CoupaAccountWrite {
  name?: string;
  active?: boolean;
  'account-type'?: { id?: number; name?: string };
  [segment: `segment-${number}`]: string | null;
}

const PAGE = 50;

function signalOf(call: CallOptions | undefined): { signal?: AbortSignal } {
  return call?.signal ? { signal: call.signal } : {};
}

/** A lookup value's parent id, whether the instance embeds the parent or gives parent-id. */
export function lookupValueParentId(value: CoupaTreeLookupValue): number | null {
  return value.parent?.id ?? value['parent-id'] ?? null;
}

/** A lookup value's lookup id, embedded or flat. */
export function lookupValueLookupId(value: CoupaTreeLookupValue): number | null {
  return value.lookup?.id ?? value['lookup-id'] ?? null;
}

export async function findLookupByName(client: CoupaClient, name: string, call?: CallOptions): Promise<CoupaLookup | null> {
  const rows = await client.http.get(z.array(coupaLookupSchema), '/lookups', { name, limit: PAGE, offset: 0 }, call);
  return rows.find((l) => l.name === name) ?? null;
}

/** One page of a lookup's values (50 from `offset`); `nextOffset` is null after a short page. */
export async function getLookupValuesPage(client: CoupaClient, lookupId: number, offset: number, call?: CallOptions): Promise<{ items: CoupaTreeLookupValue[]; nextOffset: number | null }> {
  const rows = await client.http.get(z.array(coupaTreeLookupValueSchema), '/lookup_values', { 'lookup[id]': lookupId, limit: PAGE, offset }, call);
  // Filtered again locally, so an instance that ignores the filter cannot widen the sync's view (paging follows the raw page).
  return { items: rows.filter((v) => lookupValueLookupId(v) === lookupId), nextOffset: rows.length < PAGE ? null : offset + rows.length };
}

export async function getLookupValue(client: CoupaClient, id: number, call?: CallOptions): Promise<CoupaTreeLookupValue> {
  return client.http.get(coupaTreeLookupValueSchema, `/lookup_values/${pathSegment(id)}`, undefined, call);
}

/** The value with this ref-num in the lookup (a ref-num is unique among siblings; the sync's ref-nums are unique in the lookup). */
export async function findLookupValuesByRefNum(client: CoupaClient, lookupId: number, externalRefNum: string, call?: CallOptions): Promise<CoupaTreeLookupValue[]> {
  const rows = await client.http.get(z.array(coupaTreeLookupValueSchema), '/lookup_values', { 'lookup[id]': lookupId, 'external-ref-num': externalRefNum, limit: PAGE, offset: 0 }, call);
  return rows.filter((v) => lookupValueLookupId(v) === lookupId && v['external-ref-num'] === externalRefNum);
}

export async function createLookupValue(client: CoupaClient, body: CoupaLookupValueWrite, call?: CallOptions): Promise<CoupaTreeLookupValue> {
  return client.http.request(coupaTreeLookupValueSchema, { method: 'POST', path: '/lookup_values', body, ...signalOf(call) });
}

/** Partial update: only the keys sent change (deactivation is `active: false`; Coupa values are never deleted). */
export async function updateLookupValue(client: CoupaClient, id: number, patch: CoupaLookupValueWrite, call?: CallOptions): Promise<CoupaTreeLookupValue> {
  return client.http.request(coupaTreeLookupValueSchema, { method: 'PUT', path: `/lookup_values/${pathSegment(id)}`, body: patch, ...signalOf(call) });
}

export async function findAccountTypeByName(client: CoupaClient, name: string, call?: CallOptions): Promise<CoupaAccountType | null> {
  const rows = await client.http.get(z.array(coupaAccountTypeSchema), '/account_types', { name, limit: PAGE, offset: 0 }, call);
  return rows.find((t) => t.name === name) ?? null;
}

/** One page of the accounts of several charts of accounts at once (`account-type[name][in]=…`): one list instead of one per account type. */
export async function getAccountsOfTypesPage(client: CoupaClient, accountTypeNames: readonly string[], offset: number, call?: CallOptions): Promise<{ items: CoupaSegmentAccount[]; nextOffset: number | null }> {
  const rows = await client.http.get(z.array(coupaSegmentAccountSchema), '/accounts', { 'account-type[name][in]': accountTypeNames.join(','), limit: PAGE, offset }, call);
  // Filtered again locally, so a tenant that ignores the filter cannot widen the result.
  const wanted = new Set(accountTypeNames);
  return { items: rows.filter((a) => wanted.has(a['account-type']?.name ?? '')) as CoupaSegmentAccount[], nextOffset: rows.length < PAGE ? null : offset + rows.length };
}

/** One page of the accounts of one chart of accounts (account type, by name). */
export async function getAccountsPage(client: CoupaClient, accountTypeName: string, offset: number, call?: CallOptions): Promise<{ items: CoupaSegmentAccount[]; nextOffset: number | null }> {
  const rows = await client.http.get(z.array(coupaSegmentAccountSchema), '/accounts', { 'account-type[name]': accountTypeName, limit: PAGE, offset }, call);
  return { items: rows.filter((a) => a['account-type']?.name === accountTypeName) as CoupaSegmentAccount[], nextOffset: rows.length < PAGE ? null : offset + rows.length };
}

export async function getSegmentAccount(client: CoupaClient, id: number, call?: CallOptions): Promise<CoupaSegmentAccount> {
  return (await client.http.get(coupaSegmentAccountSchema, `/accounts/${pathSegment(id)}`, undefined, call)) as CoupaSegmentAccount;
}

/** The account with this code in the chart of accounts, if any. */
export async function findSegmentAccount(client: CoupaClient, accountTypeName: string, code: string, call?: CallOptions): Promise<CoupaSegmentAccount | null> {
  const rows = await client.http.get(z.array(coupaSegmentAccountSchema), '/accounts', { 'account-type[name]': accountTypeName, code, limit: PAGE, offset: 0 }, call);
  return (rows.find((a) => a.code === code && a['account-type']?.name === accountTypeName) as CoupaSegmentAccount | undefined) ?? null;
}

export async function createAccount(client: CoupaClient, body: CoupaAccountWrite, call?: CallOptions): Promise<CoupaSegmentAccount> {
  return (await client.http.request(coupaSegmentAccountSchema, { method: 'POST', path: '/accounts', body, ...signalOf(call) })) as CoupaSegmentAccount;
}

export async function updateAccount(client: CoupaClient, id: number, patch: CoupaAccountWrite, call?: CallOptions): Promise<CoupaSegmentAccount> {
  return (await client.http.request(coupaSegmentAccountSchema, { method: 'PUT', path: `/accounts/${pathSegment(id)}`, body: patch, ...signalOf(call) })) as CoupaSegmentAccount;
}

/** Coupa's account code: the segments joined by "-". */
export function accountCodeOfSegments(segments: readonly string[]): string {
  return segments.join('-');
}
