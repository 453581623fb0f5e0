// Shared pieces of the document admin routes (/_sandbox/requisitions, /invoices, /purchase_orders): who requests, who approves, and 400s in the admin routes' shape.
import type { Response } from 'express';
import { z } from 'zod';
import type { CoupaStore, UserRecord } from '../store.js';
import type { ApproverRef } from './approvals/chain.js';

/** A user by any natural key; the employee number lets tests name a Workday hire's Coupa user. */
export const userKeySchema = z
  .object({
    id: z.number().int().optional(),
    login: z.string().min(1).optional(),
    email: z.string().min(1).optional(),
    'employee-number': z.string().min(1).optional(),
  })
  .strict()
  .refine((key) => Object.values(key).some((v) => v !== undefined), { message: 'name the user by id, login, email or employee-number' });
export type UserKey = z.infer<typeof userKeySchema>;

/** An approver: a user, or an approval group by id or name. */
export const approverKeySchema = z.union([
  userKeySchema,
  z
    .object({ 'user-group': z.object({ id: z.number().int().optional(), name: z.string().min(1).optional() }).strict() })
    .strict(),
]);
export type ApproverKey = z.infer<typeof approverKeySchema>;

export const moneySchema = z.union([z.number().nonnegative(), z.string().regex(/^\d+(\.\d+)?$/)]);

/** An admin request the store cannot satisfy (unknown user); answered like a schema failure. */
export class AdminRequestError extends Error {
  constructor(
    readonly path: (string | number)[],
    message: string,
  ) {
    super(message);
  }
}

export function findUser(store: CoupaStore, key: UserKey): UserRecord | undefined {
  return store.users
    .all()
    .find(
      (u) =>
        (key.id === undefined || u.id === key.id) &&
        (key.login === undefined || u.login === key.login) &&
        (key.email === undefined || u.email === key.email) &&
        (key['employee-number'] === undefined || u.employeeNumber === key['employee-number']),
    );
}

export function requireUser(store: CoupaStore, key: UserKey, path: (string | number)[]): UserRecord {
  const user = findUser(store, key);
  if (!user) throw new AdminRequestError(path, `no user matches ${JSON.stringify(key)}`);
  return user;
}

export function resolveApprovers(store: CoupaStore, keys: ApproverKey[], path: string): ApproverRef[] {
  return keys.map((key, index): ApproverRef => {
    if ('user-group' in key) {
      const wanted = key['user-group'];
      const group = store.userGroups
        .all()
        .find((g) => (wanted.id === undefined || g.id === wanted.id) && (wanted.name === undefined || g.name === wanted.name));
      if (!group) throw new AdminRequestError([path, index], `no user group matches ${JSON.stringify(wanted)}`);
      return { type: 'UserGroup', id: group.id };
    }
    return { type: 'User', id: requireUser(store, key, [path, index]).id };
  });
}

export function answerInvalid(res: Response, issues: { path: PropertyKey[]; message: string }[]): void {
  res.status(400).json({ error: 'invalid admin request', issues });
}

/** Runs an admin handler, turning schema and lookup failures into 400s. */
export function handleAdmin(res: Response, run: () => void): void {
  try {
    run();
  } catch (err) {
    if (err instanceof z.ZodError) return answerInvalid(res, err.issues);
    if (err instanceof AdminRequestError) return answerInvalid(res, [{ path: err.path, message: err.message }]);
    throw err;
  }
}
