// The accounts-payable SOAP operations of the simulator (supplier invoices, payments), registered with the dispatcher as one list.
import type { SoapOperation } from './operation';
import { cancelSupplierInvoice } from './Resource_Management/Cancel_Supplier_Invoice';
import { submitSupplierInvoice } from './Resource_Management/Submit_Supplier_Invoice';
import { getPayments } from './Settlement_Services/Get_Payments';

export const PAYABLES_SOAP_OPERATIONS: readonly SoapOperation[] = [submitSupplierInvoice, cancelSupplierInvoice, getPayments];
