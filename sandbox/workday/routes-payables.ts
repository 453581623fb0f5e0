// /_sandbox admin routes of Workday's accounts payable: settlement runs that pay selected supplier invoices (also partly), suppliers, and the payables store.
import express, { type Router } from 'express';
import { payablesOf } from './payables-store';
import { WorkdayStoreError, type WorkdayStore } from './store';

export function payablesAdminRouter(store: WorkdayStore): Router {
  const router = express.Router();
  const payables = () => payablesOf(store);
  const answer = (res: express.Response, status: number, run: () => unknown): void => {
    try {
      res.status(status).json(run());
    } catch (err) {
      if (err instanceof WorkdayStoreError) {
        res.status(err.notFound ? 404 : 400).json({ error: err.message });
        return;
      }
      throw err;
    }
  };

  /** Body {paymentDate?, invoices: [{supplierInvoiceId | suppliersInvoiceNumber, amount?}]}: one payment per invoice; amount below what is owed = a partial payment. */
  router.post('/_sandbox/settlement-runs', (req, res) => {
    answer(res, 201, () => {
      const run = payables().settle(req.body ?? {}, Date.now());
      return { settlementRunId: run.settlementRunId, payments: run.payments.map((p) => ({ paymentId: p.paymentId, referenceNumber: p.referenceNumber, paymentDate: p.paymentDate, amountCents: p.amountCents, supplierInvoiceId: p.remittances[0]?.supplierInvoiceId })) };
    });
  });

  /** Body {supplierId, name, currency?}: a supplier only accounts payable knows (the supplier master is /_sandbox/suppliers). */
  router.post('/_sandbox/payables/suppliers', (req, res) => {
    answer(res, 201, () => {
      const body = (req.body ?? {}) as { supplierId?: unknown; name?: unknown; currency?: unknown };
      if (typeof body.supplierId !== 'string' || typeof body.name !== 'string') throw new WorkdayStoreError('supplierId and name are required');
      return payables().addSupplier({ supplierId: body.supplierId, name: body.name, ...(typeof body.currency === 'string' ? { currency: body.currency } : {}) });
    });
  });

  router.get('/_sandbox/payables', (_req, res) => {
    res.json(payables().snapshot());
  });

  return router;
}
