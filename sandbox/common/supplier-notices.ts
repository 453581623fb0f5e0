// Supplier change notices both simulators send: an in-process hook (tests, the demo) and an optional webhook URL, the way a real tenant's outbound call or a poller would report a change.
import { EventEmitter } from 'node:events';

/** One supplier change, as the ingress would learn it: which record, when, by whom (no field values). */
export interface SupplierChangeNotice {
  system: 'coupa' | 'workday';
  coupaSupplierId?: number;
  coupaSupplierNumber?: string;
  workdaySupplierId?: string;
  /** ISO moment of the change in that system. */
  changedAt: string;
  changedBy?: string;
  /** `api`: a write through the API (the integration's own, whose echo this is); `admin`: a person's edit. */
  via: 'api' | 'admin';
}

export type SupplierChangeListener = (notice: SupplierChangeNotice) => void;

/** Holds the listeners and the webhook; `notify` never throws (a notice is best effort, like a real call-out). */
export class SupplierNotices {
  private readonly emitter = new EventEmitter();
  /** Where notices are POSTed as JSON (set through /_sandbox/suppliers/notify); null = none. */
  webhookUrl: string | null = null;
  /** Off: changes are made silently (for poller tests); on by default. */
  enabled = true;

  onChange(listener: SupplierChangeListener): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }

  notify(notice: SupplierChangeNotice): void {
    if (!this.enabled) return;
    // After the reply: the integration sees the change once the write that caused it has answered.
    setImmediate(() => {
      this.emitter.emit('change', notice);
      if (this.webhookUrl) void fetch(this.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(notice) }).catch(() => undefined);
    });
  }

  reset(): void {
    this.webhookUrl = null;
    this.enabled = true;
  }
}
