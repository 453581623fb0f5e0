// Behaviours of lookup values that Coupa's documentation leaves open ([U]), per sandbox store, set through /_sandbox/lookup_values/config.
import { z } from 'zod';
import type { CoupaStore, LookupValueRecord } from '../../store.js';

export const lookupValueBehaviourSchema = z
  .object({
    /**
     * [U] Whether `external-ref-code` (the ref-num path from the root) of the values below a moved
     * value follows the move. `derived` (default): Coupa computes it from the parents on every read.
     * `stored`: it is kept as it was when each value was last written, so a descendant shows its old
     * path until it is written again (the sync's follow-parent step does exactly that).
     */
    externalRefCode: z.enum(['derived', 'stored']).default('derived'),
    /**
     * [U] Coupa's uniqueness rule for value names. `siblings` (default): a name is taken once per
     * parent within a lookup ("Name has already been taken"); `none`: no rule.
     */
    uniqueName: z.enum(['siblings', 'none']).default('siblings'),
  })
  .strict();
export type LookupValueBehaviour = z.infer<typeof lookupValueBehaviourSchema>;

const behaviours = new WeakMap<CoupaStore, LookupValueBehaviour>();
const storedCodes = new WeakMap<LookupValueRecord, string>();

export function lookupValueBehaviour(store: CoupaStore): LookupValueBehaviour {
  let behaviour = behaviours.get(store);
  if (!behaviour) {
    behaviour = lookupValueBehaviourSchema.parse({});
    behaviours.set(store, behaviour);
  }
  return behaviour;
}

/** Back to the defaults (the sandbox reseeds). */
export function resetLookupValueBehaviour(store: CoupaStore): void {
  behaviours.set(store, lookupValueBehaviourSchema.parse({}));
}

/** Called after each write of a value: in `stored` mode its path is frozen as it is now. */
export function rememberRefCode(store: CoupaStore, value: LookupValueRecord, code: string): void {
  if (lookupValueBehaviour(store).externalRefCode === 'stored') storedCodes.set(value, code);
  else storedCodes.delete(value);
}

/** The path to show: the frozen one in `stored` mode, when the value has one. */
export function storedRefCode(store: CoupaStore, value: LookupValueRecord): string | undefined {
  return lookupValueBehaviour(store).externalRefCode === 'stored' ? storedCodes.get(value) : undefined;
}
