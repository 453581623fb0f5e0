// Settlement_Services Get_Payments: the payments settlement runs made, by payment date window [U: criteria names], paged per Response_Filter, each with its remittance lines.
import { child } from '../../../kit/soap';
import { formatXsDateTime } from '../../../kit/xsd-time';
import { payablesOf } from '../../payables-store';
import { xpathOf } from '../faults';
import type { SoapOperation } from '../operation';
import { amount, badValue, ref, text } from '../payables-xml';

const REQUEST = 'Get_Payments_Request';
const DATE = /^\d{4}-\d{2}-\d{2}/;

export const getPayments: SoapOperation = {
  service: 'Settlement_Services',
  operation: 'Get_Payments',
  handle(request, ctx) {
    const payables = payablesOf(ctx.store);
    const criteria = child(request, 'Request_Criteria');
    const from = criteria ? text(criteria, 'Payment_Date_From') : undefined;
    const to = criteria ? text(criteria, 'Payment_Date_To') : undefined;
    for (const [name, value] of [['Payment_Date_From', from], ['Payment_Date_To', to]] as const) {
      if (value !== undefined && !DATE.test(value)) throw badValue(`Invalid date value '${value}' for ${name}`, xpathOf([REQUEST], ['Request_Criteria'], [name]));
    }
    const filter = child(request, 'Response_Filter');
    const page = Math.max(1, Number(filter ? text(filter, 'Page') ?? 1 : 1));
    let count = Number(filter ? text(filter, 'Count') ?? ctx.config.defaultCount : ctx.config.defaultCount);
    if (!Number.isInteger(count) || count < 1) throw badValue('Count must be a positive integer', xpathOf([REQUEST], ['Response_Filter'], ['Count']));
    if (count > ctx.config.maxCount) {
      if (ctx.config.overMaxCount === 'clamp') count = ctx.config.maxCount;
      else throw badValue(`Count must not exceed ${ctx.config.maxCount}`, xpathOf([REQUEST], ['Response_Filter'], ['Count']));
    }

    const all = payables.paymentsBetween(from?.slice(0, 10), to?.slice(0, 10));
    const totalPages = Math.ceil(all.length / count);
    const slice = all.slice((page - 1) * count, page * count);
    const offset = ctx.config.tenantUtcOffset;
    return {
      Response_Filter: { Page: page, Count: count },
      Response_Results: { Total_Results: all.length, Total_Pages: totalPages, Page_Results: slice.length, Page: page },
      Response_Data: {
        Payment: slice.map((p) => ({
          Payment_Reference: ref('Payment_ID', p.paymentId, p.wid),
          Payment_Data: {
            Payment_ID: p.paymentId,
            Payment_Date: ctx.config.datesWithOffset ? `${p.paymentDate}${offset}` : p.paymentDate,
            Payment_Status_Reference: ref('Payment_Status_ID', p.status),
            Company_Reference: ref('Company_Reference_ID', p.companyCode),
            Receiving_Party_Reference: ref('Supplier_ID', p.supplierId),
            Currency_Reference: ref('Currency_ID', p.currency),
            Payment_Amount: amount(p.amountCents),
            Payment_Reference_Number: p.referenceNumber,
            Settlement_Run_Reference: ref('Settlement_Run_ID', p.settlementRunId),
            Entry_Moment: formatXsDateTime(p.enteredAt, offset),
            Remittance_Data: p.remittances.map((r) => ({
              Supplier_Invoice_Reference: ref('Supplier_Invoice_ID', r.supplierInvoiceId),
              Suppliers_Invoice_Number: r.suppliersInvoiceNumber,
              Amount_Paid: amount(r.amountCents),
            })),
          },
        })),
      },
    };
  },
};
