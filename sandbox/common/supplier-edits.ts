// The admin edit of a supplier both simulators accept, in the sync's field names, so a test edits "the address" the same way on either side.
import { z } from 'zod';

const s = z.string().nullable().optional();

export const supplierEditSchema = z
  .object({
    changes: z
      .object({
        name: z.string().min(1).optional(),
        addresses: z.object({ street1: s, street2: s, city: s, state: s, postalCode: s, country: s }).strict().nullable().optional(),
        contacts: z.object({ email: s, phone: s }).strict().nullable().optional(),
        taxIds: z.string().nullable().optional(),
        paymentTerms: z.string().nullable().optional(),
        bankAccounts: z.object({ accountNumber: s, routingNumber: s, iban: s, swift: s }).strict().nullable().optional(),
        status: z.enum(['active', 'inactive', 'draft']).optional(),
        /** Cross-reference: the other system's key. */
        crossReference: z.string().nullable().optional(),
        number: z.string().min(1).optional(),
      })
      .strict(),
    /** Who made the edit (shown when a bank change waits for approval). */
    by: z.string().min(1).optional(),
    /** The change's moment (ISO); two edits given the same moment are simultaneous. Default: now. */
    changedAt: z.string().datetime({ offset: true }).optional(),
    /** Send the change notice (default true); false makes a silent edit only a poller would find. */
    notify: z.boolean().optional(),
  })
  .strict();
export type SupplierEdit = z.infer<typeof supplierEditSchema>;

export const notifySettingsSchema = z.object({ url: z.string().url().nullable().optional(), enabled: z.boolean().optional() }).strict();
