// The application's workflows plus a stand-in invoicePosting (the finance helper's, not merged on this branch): tests count its starts.
export * from '../../workflows';

export async function invoicePosting(input: { coupaInvoiceId: string; trigger: string }): Promise<{ coupaInvoiceId: string; trigger: string }> {
  return input;
}
