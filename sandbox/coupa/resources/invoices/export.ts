// PUT /api/invoices/:id?exported=true: the ERP pattern's "mark exported", in its own request (reference/coupa-api.md § Integration patterns).
import type { NextFunction, Request, Response, Router } from 'express';
import { requireScope, type CoupaAuth } from '../../oauth.js';
import type { CoupaStore } from '../../store.js';
import { baseError, recordNotFound, type JsonObject } from '../../wire.js';
import { recordId, replyRecord } from '../http.js';

/** The `exported` query flag of a PUT, or undefined when the request is another update (left to the next handler). */
export function exportedFlag(req: Request): boolean | undefined {
  const raw = (req.query as Record<string, unknown>)['exported'];
  if (raw === undefined) return undefined;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw baseError(400, `Invalid value for exported: ${String(raw)}`);
}

export function mountInvoiceExport(api: Router, auth: CoupaAuth, store: CoupaStore, show: (id: number) => JsonObject | undefined): void {
  api.put('/api/invoices/:id', requireScope(auth, 'core.invoice.write'), (req: Request, res: Response, next: NextFunction) => {
    const flag = exportedFlag(req);
    // Any other PUT (payments, fields) belongs to another handler of this resource.
    if (flag === undefined) return next();
    const invoice = store.invoices.get(recordId(req));
    if (!invoice) throw recordNotFound();
    invoice.exported = flag;
    invoice.lastExportedAt = flag ? store.now() : (invoice.lastExportedAt ?? null);
    // Reference: fields sent alongside exported=true are a silent no-op, so the body is ignored here.
    store.touch(invoice);
    replyRecord(req, res, 200, show(invoice.id) ?? {});
  });
}
