// The application's workflows plus stand-ins for invoicePosting and purchaseOrderEncumbrance (the finance helper's, not merged on this branch): tests count their starts.
export * from '../../workflows';

export async function invoicePosting(input: { coupaInvoiceId: string; trigger: string }): Promise<{ coupaInvoiceId: string; trigger: string }> {
  return input;
}

import { condition, defineSignal, setHandler } from '@temporalio/workflow';

/** Stand-in purchaseOrderEncumbrance (the finance helper's): ends after the first purchaseOrderChanged nudge, returning it. */
export async function purchaseOrderEncumbrance(input: { coupaPoId: string }): Promise<{ coupaPoId: string; nudges: Array<{ status: string; version: number }> }> {
  const nudges: Array<{ status: string; version: number }> = [];
  setHandler(defineSignal<[{ status: string; version: number }]>('purchaseOrderChanged'), (change) => void nudges.push(change));
  await condition(() => nudges.length > 0);
  return { coupaPoId: input.coupaPoId, nudges };
}
