// core.common resources: lookups and lookup values (cost centres as segments), roles, currencies, departments.
import { readReference, type CoupaReferenceKinds } from './references.js';
import type { ResourceDefinition } from './resource.js';
import type { CoupaStore, LookupRecord, LookupValueRecord, DepartmentRecord } from './store.js';
import { lookupValueBehaviour, rememberRefCode } from './resources/lookup-values/config.js';
import { LOOKUP_PATH_SEPARATOR, lookupValuePath, renderCurrency, renderDepartment, renderLookup, renderLookupValue, renderRole } from './views.js';
import { isBlank, readBoolean, readString, validationError, type JsonObject } from './wire.js';

const STAMPS = ['id', 'created-at', 'updated-at'] as const;

export function lookupsResource(store: CoupaStore): ResourceDefinition {
  const write = (existing: LookupRecord | undefined, body: JsonObject): number => {
    const problems: string[] = [];
    const name = readString(body, 'name', 'Name', problems);
    const description = readString(body, 'description', 'Description', problems);
    const active = readBoolean(body, 'active', 'Active', problems);
    const finalName = name === undefined ? existing?.name : name;
    if (isBlank(finalName)) problems.push("Name can't be blank");
    else if (store.lookups.all().some((l) => l.id !== existing?.id && l.name === finalName)) problems.push('Name has already been taken');
    if (problems.length > 0) throw validationError('lookup', problems);
    const next = {
      name: finalName ?? '',
      description: description === undefined ? (existing?.description ?? null) : description,
      active: active ?? existing?.active ?? true,
    };
    if (existing) {
      store.applyChanges(existing, next);
      return existing.id;
    }
    return store.lookups.insert(next, store.now()).id;
  };
  return {
    path: '/lookups',
    scope: 'core.common',
    schema: { resource: 'lookups', attributes: [...STAMPS, 'name', 'description', 'active'] },
    list: () => store.lookups.all().map(renderLookup),
    show: (id) => {
      const l = store.lookups.get(id);
      return l ? renderLookup(l) : undefined;
    },
    create: (body) => write(undefined, body),
    update: (id, body) => {
      write(store.lookups.get(id), body);
    },
  };
}

export function lookupValuesResource(store: CoupaStore, kinds: CoupaReferenceKinds): ResourceDefinition {
  const write = (existing: LookupValueRecord | undefined, body: JsonObject): number => {
    const problems: string[] = [];
    const name = readString(body, 'name', 'Name', problems);
    const description = readString(body, 'description', 'Description', problems);
    const externalRefNum = readString(body, 'external-ref-num', 'External ref num', problems);
    const active = readBoolean(body, 'active', 'Active', problems);
    const isDefault = readBoolean(body, 'is-default', 'Is default', problems);
    // The lookup must already exist (reference); external-ref-code is output only and ignored on input.
    const lookupId = readReference(body, 'lookup', kinds.lookup, problems);
    const parentId = readReference(body, 'parent', kinds.lookupValue, problems);
    const accountTypeId = readReference(body, 'account-type', kinds.accountType, problems);

    const finalName = name === undefined ? existing?.name : name;
    const finalLookupId = lookupId === undefined ? existing?.lookupId : lookupId;
    const finalParentId = parentId === undefined ? (existing?.parentId ?? null) : parentId;
    const finalRefNum = externalRefNum === undefined ? (existing?.externalRefNum ?? null) : externalRefNum;
    if (isBlank(finalName)) problems.push("Name can't be blank");
    if ((finalLookupId === undefined || finalLookupId === null) && !problems.some((p) => p.includes('Lookup record'))) {
      problems.push("Lookup can't be blank");
    }
    if (finalParentId !== null && finalLookupId !== undefined && finalLookupId !== null) {
      const parent = store.lookupValues.get(finalParentId);
      if (parent && parent.lookupId !== finalLookupId) problems.push('Parent must belong to the same lookup');
      // Refuse cycles: walking up from the new parent must never reach this value.
      let cursor = parent;
      const seen = new Set<number>();
      while (existing && cursor && !seen.has(cursor.id)) {
        if (cursor.id === existing.id) {
          problems.push('Parent cannot be the value itself or one of its descendants');
          break;
        }
        seen.add(cursor.id);
        cursor = cursor.parentId === null ? undefined : store.lookupValues.get(cursor.parentId);
      }
    }
    if (
      !isBlank(finalRefNum) &&
      store.lookupValues
        .all()
        .some(
          (v) =>
            v.id !== existing?.id && v.lookupId === finalLookupId && v.parentId === finalParentId && v.externalRefNum === finalRefNum,
        )
    ) {
      problems.push('External ref num has already been taken');
    }
    if (
      lookupValueBehaviour(store).uniqueName === 'siblings' &&
      !isBlank(finalName) &&
      store.lookupValues.all().some((v) => v.id !== existing?.id && v.lookupId === finalLookupId && v.parentId === finalParentId && v.name === finalName)
    ) {
      problems.push('Name has already been taken');
    }
    if (problems.length > 0 || finalLookupId === undefined || finalLookupId === null) {
      throw validationError('lookup-value', problems);
    }
    const next = {
      name: finalName ?? '',
      description: description === undefined ? (existing?.description ?? null) : description,
      active: active ?? existing?.active ?? true,
      externalRefNum: isBlank(finalRefNum) ? null : finalRefNum,
      lookupId: finalLookupId,
      parentId: finalParentId,
      accountTypeId: accountTypeId === undefined ? (existing?.accountTypeId ?? null) : accountTypeId,
      isDefault: isDefault ?? existing?.isDefault ?? false,
    };
    const record = existing ?? store.lookupValues.insert(next, store.now());
    if (existing) store.applyChanges(existing, next);
    rememberRefCode(store, record, lookupValuePath(store, record).map((v) => v.externalRefNum ?? '').join(LOOKUP_PATH_SEPARATOR));
    return record.id;
  };
  return {
    path: '/lookup_values',
    scope: 'core.common',
    schema: {
      resource: 'lookup values',
      attributes: [
        ...STAMPS,
        'name',
        'description',
        'active',
        'external-ref-num',
        'external-ref-code',
        'depth',
        'is-default',
        'lookup',
        'parent',
        'account-type',
      ],
    },
    list: () => store.lookupValues.all().map((v) => renderLookupValue(store, v)),
    show: (id) => {
      const v = store.lookupValues.get(id);
      return v ? renderLookupValue(store, v) : undefined;
    },
    create: (body) => write(undefined, body),
    update: (id, body) => {
      write(store.lookupValues.get(id), body);
    },
  };
}

/** Roles are configured in Coupa's UI; the API only reads them. */
export function rolesResource(store: CoupaStore): ResourceDefinition {
  return {
    path: '/roles',
    scope: 'core.common',
    schema: { resource: 'roles', attributes: [...STAMPS, 'name', 'description'] },
    list: () => store.roles.all().map(renderRole),
    show: (id) => {
      const r = store.roles.get(id);
      return r ? renderRole(r) : undefined;
    },
  };
}

export function currenciesResource(store: CoupaStore): ResourceDefinition {
  return {
    path: '/currencies',
    scope: 'core.common',
    schema: { resource: 'currencies', attributes: [...STAMPS, 'code', 'decimals', 'enabled'] },
    list: () => store.currencies.all().map(renderCurrency),
    show: (id) => {
      const c = store.currencies.get(id);
      return c ? renderCurrency(c) : undefined;
    },
  };
}

export function departmentsResource(store: CoupaStore): ResourceDefinition {
  const write = (existing: DepartmentRecord | undefined, body: JsonObject): number => {
    const problems: string[] = [];
    const name = readString(body, 'name', 'Name', problems);
    const active = readBoolean(body, 'active', 'Active', problems);
    const finalName = name === undefined ? existing?.name : name;
    if (isBlank(finalName)) problems.push("Name can't be blank");
    else if (store.departments.all().some((d) => d.id !== existing?.id && d.name === finalName)) problems.push('Name has already been taken');
    if (problems.length > 0) throw validationError('department', problems);
    const next = { name: finalName ?? '', active: active ?? existing?.active ?? true };
    if (existing) {
      store.applyChanges(existing, next);
      return existing.id;
    }
    return store.departments.insert(next, store.now()).id;
  };
  return {
    path: '/departments',
    scope: 'core.common',
    schema: { resource: 'departments', attributes: [...STAMPS, 'name', 'active'] },
    list: () => store.departments.all().map(renderDepartment),
    show: (id) => {
      const d = store.departments.get(id);
      return d ? renderDepartment(d) : undefined;
    },
    create: (body) => write(undefined, body),
    update: (id, body) => {
      write(store.departments.get(id), body);
    },
  };
}
