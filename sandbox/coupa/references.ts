// Resolves a reference in a request body ({"login":"jdoe"}, {"code":"US01-CC1100","account-type":{"name":"Acme US"}}) to a record id, Coupa-style: every key sent must match.
import type { CoupaStore } from './store.js';
import {
  accountStub,
  renderAccountType,
  renderCurrency,
  renderDepartment,
  renderLookup,
  renderLookupValue,
  renderRole,
  userStub,
} from './views.js';
import { hyphenateKeys, isJsonObject, isNumericString, type Json, type JsonObject } from './wire.js';

export interface ReferenceKind {
  /** Model name as Coupa words it in "Unable to find valid Account record". */
  label: string;
  /** Acceptable key sets, e.g. [['id'], ['code', 'account-type']]; one of them must be fully present. */
  keySets: string[][];
  /** Rendered candidates (the same shape GET returns), so nested keys like account-type.name just work. */
  candidates(): JsonObject[];
}

function sameScalar(actual: Json | undefined, sent: Json): boolean {
  if (sent === null) return actual === null || actual === undefined;
  if (actual === null || actual === undefined) return false;
  if (typeof actual === 'number' && (typeof sent === 'string' || typeof sent === 'number')) {
    return isNumericString(String(sent)) && Number(sent) === actual;
  }
  if (typeof actual === 'string' && isNumericString(actual) && actual.includes('.') && (typeof sent === 'number' || typeof sent === 'string')) {
    return Number(actual) === Number(sent);
  }
  return String(actual) === String(sent);
}

/** True when every key of `sent` matches `candidate`, recursing into nested reference objects. */
function matchesEveryKey(candidate: JsonObject, sent: JsonObject): boolean {
  return Object.entries(sent).every(([key, value]) => {
    const actual = candidate[key];
    if (isJsonObject(value)) return isJsonObject(actual) && matchesEveryKey(actual, value);
    if (Array.isArray(value)) return true; // lists inside a reference are not keys
    return sameScalar(actual, value);
  });
}

export function describeKeySets(kind: ReferenceKind): string {
  return `[${kind.keySets.map((set) => set.join(' + ')).join(', ')}]`;
}

export function unresolvedMessage(kind: ReferenceKind, sent: unknown): string {
  return `Unable to find valid ${kind.label} record for ${JSON.stringify(sent)}. Possible keys are ${describeKeySets(kind)}`;
}

/**
 * `undefined` = not sent; `null` = sent as null (clear the association); a number = the resolved id.
 * A reference that does not resolve adds Coupa's message to `problems` and returns undefined.
 */
export function resolveReference(
  kind: ReferenceKind,
  raw: unknown,
  problems: string[],
): number | null | undefined {
  if (raw === undefined) return undefined;
  if (raw === null) return null;
  const sent = hyphenateKeys(raw);
  if (!isJsonObject(sent)) {
    problems.push(unresolvedMessage(kind, raw));
    return undefined;
  }
  const present = (key: string): boolean => sent[key] !== undefined && sent[key] !== null;
  if (!kind.keySets.some((set) => set.every(present))) {
    problems.push(unresolvedMessage(kind, sent));
    return undefined;
  }
  const match = kind.candidates().find((candidate) => matchesEveryKey(candidate, sent));
  if (!match || typeof match.id !== 'number') {
    problems.push(unresolvedMessage(kind, sent));
    return undefined;
  }
  return match.id;
}

/**
 * Reads an association from a body, accepting both the nested object (`manager: {login}`) and the
 * flat id form (`manager-id: 7`) that older integrations send.
 */
export function readReference(
  body: JsonObject,
  key: string,
  kind: ReferenceKind,
  problems: string[],
): number | null | undefined {
  if (key in body) return resolveReference(kind, body[key], problems);
  const idKey = `${key}-id`;
  if (idKey in body) {
    const id = body[idKey];
    return resolveReference(kind, id === null ? null : { id: id ?? null }, problems);
  }
  return undefined;
}

/** A list of references (roles, user groups); undefined when the key was not sent. */
export function readReferenceList(
  body: JsonObject,
  key: string,
  kind: ReferenceKind,
  problems: string[],
): number[] | undefined {
  if (!(key in body)) return undefined;
  const raw = body[key];
  if (raw === null) return [];
  if (!Array.isArray(raw)) {
    problems.push(`${kind.label} list '${key}' must be an array`);
    return undefined;
  }
  const ids: number[] = [];
  for (const item of raw) {
    const id = resolveReference(kind, item, problems);
    if (typeof id === 'number' && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** The reference kinds of this instance, with the natural keys the reference lists for each. */
export function coupaReferenceKinds(store: CoupaStore) {
  return {
    user: {
      label: 'User',
      keySets: [['id'], ['login'], ['email']],
      candidates: () => store.users.all().map(userStub),
    },
    account: {
      label: 'Account',
      keySets: [['id'], ['code', 'account-type']],
      candidates: () => store.accounts.all().map((a) => accountStub(store, a)),
    },
    accountType: {
      label: 'AccountType',
      keySets: [['id'], ['name']],
      candidates: () => store.accountTypes.all().map((t) => renderAccountType(store, t)),
    },
    currency: {
      label: 'Currency',
      keySets: [['id'], ['code']],
      candidates: () => store.currencies.all().map(renderCurrency),
    },
    role: {
      label: 'Role',
      keySets: [['id'], ['name']],
      candidates: () => store.roles.all().map(renderRole),
    },
    userGroup: {
      label: 'UserGroup',
      keySets: [['id'], ['name']],
      candidates: () => store.userGroups.all().map((g): JsonObject => ({ id: g.id, name: g.name, active: g.active })),
    },
    lookup: {
      label: 'Lookup',
      keySets: [['id'], ['name']],
      candidates: () => store.lookups.all().map(renderLookup),
    },
    lookupValue: {
      label: 'LookupValue',
      keySets: [['id'], ['external-ref-code']],
      candidates: () => store.lookupValues.all().map((v) => renderLookupValue(store, v)),
    },
    department: {
      label: 'Department',
      keySets: [['id'], ['name']],
      candidates: () => store.departments.all().map(renderDepartment),
    },
  } satisfies Record<string, ReferenceKind>;
}

export type CoupaReferenceKinds = ReturnType<typeof coupaReferenceKinds>;
