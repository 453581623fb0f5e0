// PUT /api/purchase_orders/:id?exported=true: mark exported in its own request; a new version clears it again.
import type { NextFunction, Request, Response, Router } from 'express';
import { requireScope, type CoupaAuth } from '../../oauth.js';
import type { CoupaStore } from '../../store.js';
import { recordNotFound, type JsonObject } from '../../wire.js';
import { recordId, replyRecord } from '../http.js';
import { exportedFlag } from '../invoices/export.js';

export function mountPurchaseOrderExport(api: Router, auth: CoupaAuth, store: CoupaStore, show: (id: number) => JsonObject | undefined): void {
  api.put('/api/purchase_orders/:id', requireScope(auth, 'core.purchase_order.write'), (req: Request, res: Response, next: NextFunction) => {
    const flag = exportedFlag(req);
    if (flag === undefined) return next();
    const po = store.purchaseOrders.get(recordId(req));
    if (!po) throw recordNotFound();
    po.exported = flag;
    if (flag) po.lastExportedAt = store.now();
    store.touch(po);
    replyRecord(req, res, 200, show(po.id) ?? {});
  });
}
