// The supplier invoice plan (Coupa invoice + mapping file → Workday supplier invoice and due terms) and the matching of Workday payments to invoice runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApplicationFailure } from '@temporalio/common';
import { matchWorkdayPayments, planSupplierInvoice, type CoupaInvoiceFacts } from '../../activities/invoice-payment';
import { parseMappingText } from '../../infra/mapping-file';
import { MappingConfigError } from '../../mapping/config';
import { supplierInvoiceMappingSchema } from '../../mapping/payment-config';
import fs from 'node:fs';
import path from 'node:path';

const repoMapping = fs.readFileSync(path.resolve(__dirname, '../../config/mapping.yaml'), 'utf8');
const mapping = parseMappingText(repoMapping, 'config/mapping.yaml').supplierInvoices!;

function invoice(overrides: Partial<CoupaInvoiceFacts> = {}): CoupaInvoiceFacts {
  return {
    coupaInvoiceId: 6001,
    invoiceNumber: 'NW-4711',
    status: 'approved',
    documentType: 'Invoice',
    currency: 'USD',
    total: '1000.00',
    invoiceDate: '2026-11-01',
    netDueDate: '2026-12-01',
    supplier: { coupaId: 801, name: 'Northwind', number: 'NW-001', customFields: { 'workday-supplier-id': 'SUP-000101' } },
    lines: [
      { lineNum: 1, description: 'Paper', quantity: '1.00', price: '600.00', total: '600.00', commodity: 'Office Supplies', accountSegments: ['US01', 'CC1100'] },
      { lineNum: 2, description: 'Misc', quantity: '2.00', price: '200.00', total: '400.00', commodity: 'Snacks', accountSegments: ['US01'] },
    ],
    exported: false,
    paid: false,
    ...overrides,
  };
}

function failureOf(run: () => unknown): ApplicationFailure {
  try {
    run();
  } catch (err) {
    assert.ok(err instanceof ApplicationFailure);
    return err;
  }
  assert.fail('expected a failure');
}

test('given an approved invoice, the plan names the Workday supplier from the custom field, spend categories and cost center worktags per line', () => {
  const plan = planSupplierInvoice(invoice(), 'US01', mapping);
  assert.equal(plan.submission.supplierInvoiceId, 'COUPA-INV-6001');
  assert.equal(plan.submission.supplierId, 'SUP-000101');
  assert.equal(plan.submission.suppliersInvoiceNumber, 'NW-4711');
  assert.equal(plan.submission.controlTotal, '1000.00');
  assert.deepEqual(plan.submission.lines.map((l) => [l.spendCategoryId, l.worktags, l.extendedAmount]), [
    ['SC_OFFICE_SUPPLIES', [{ type: 'Cost_Center_Reference_ID', id: 'CC1100' }], '600.00'],
    ['SC_GENERAL', [], '400.00'],
  ]);
  assert.equal(plan.owedCents, 100000);
  assert.equal(plan.dueDate, '2026-12-01');
  assert.deepEqual([plan.overdueGraceDays, plan.escalationDays], [5, 30]);
});

test('without a net due date, the invoice is due 30 days after its date', () => {
  assert.equal(planSupplierInvoice(invoice({ netDueDate: null }), 'US01', mapping).dueDate, '2026-12-01');
});

test('the supplier number can be the Workday Supplier ID instead', () => {
  const plan = planSupplierInvoice(invoice(), 'US01', { ...mapping, workdaySupplierId: { from: 'supplierNumber' } });
  assert.equal(plan.submission.supplierId, 'NW-001');
});

test('what a person must fix parks with the right failure type', () => {
  assert.equal(failureOf(() => planSupplierInvoice(invoice({ supplier: { coupaId: 801, name: 'Northwind', number: null, customFields: {} } }), 'US01', mapping)).type, 'SourceDataIncomplete');
  assert.equal(failureOf(() => planSupplierInvoice(invoice(), 'US01', { ...mapping, defaultSpendCategory: null })).type, 'MappingMissing');
  assert.equal(failureOf(() => planSupplierInvoice(invoice({ status: 'pending_approval' }), 'US01', mapping)).type, 'BusinessRuleViolation');
  assert.equal(failureOf(() => planSupplierInvoice(invoice(), 'US01', undefined)).type, 'MappingMissing');
});

test('the mapping section refuses an escalation before the grace period ends, and names unknown keys', () => {
  assert.equal(supplierInvoiceMappingSchema.safeParse({ workdaySupplierId: { from: 'supplierNumber' }, overdueGraceDays: 10, escalationDays: 5 }).success, false);
  assert.throws(
    () => parseMappingText(repoMapping.replace('overdueGraceDays: 5', 'overdueGraceDay: 5'), 'm.yaml'),
    (err: unknown) => err instanceof MappingConfigError && /supplierInvoices\.overdueGraceDay: unknown key \(did you mean overdueGraceDays\?\)/.test(err.message),
  );
});

test('Workday payments match the invoice runs by the Supplier_Invoice_ID the integration gave them; others are not ours', () => {
  const matched = matchWorkdayPayments(
    [
      { paymentId: 'PAYMENT-1', paymentDate: '2026-11-20', status: 'Paid', amount: '1000.00', currency: 'USD', referenceNumber: 'EFT-1', supplierId: 'SUP-000101', remittances: [{ supplierInvoiceId: 'COUPA-INV-6001', suppliersInvoiceNumber: 'NW-4711', amountPaid: '1000.00' }] },
      {
        paymentId: 'PAYMENT-2',
        paymentDate: '2026-11-21',
        status: 'Paid',
        amount: '300',
        currency: 'USD',
        referenceNumber: 'EFT-2',
        supplierId: 'SUP-000101',
        remittances: [
          { supplierInvoiceId: 'COUPA-INV-6002', suppliersInvoiceNumber: 'A', amountPaid: '100' },
          { supplierInvoiceId: 'SUPPLIER_INVOICE-99', suppliersInvoiceNumber: 'B', amountPaid: '200' },
        ],
      },
    ],
    'COUPA-INV-',
  );
  assert.deepEqual(
    matched.map((m) => [m.key, m.coupaInvoiceId, m.confirmation.amount, m.confirmation.reference]),
    [
      ['PAYMENT-1/COUPA-INV-6001', '6001', '1000.00', 'EFT-1'],
      ['PAYMENT-2/COUPA-INV-6002', '6002', '100.00', 'EFT-2/COUPA-INV-6002'],
      ['PAYMENT-2/SUPPLIER_INVOICE-99', null, '200.00', 'EFT-2/SUPPLIER_INVOICE-99'],
    ],
  );
});
