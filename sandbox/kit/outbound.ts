// Outbound deliveries of both simulators: Workday's subscription notifications and Coupa's Call Outs, POSTed with the configured credentials and retried with back-off on any non-2xx, as the real systems do.
import { z } from 'zod';

export const outboundAuthSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({ type: z.literal('basic'), username: z.string().min(1), password: z.string().min(1) }),
  /** Workday: the subscription's user and password as a WS-Security UsernameToken in the SOAP header (the message renders it). */
  z.object({ type: z.literal('ws-security'), username: z.string().min(1), password: z.string().min(1) }),
  /** Coupa "OAuth 2.0 for Call Outs": client credentials against the receiver's token URL, then a bearer token. */
  z.object({ type: z.literal('oauth'), tokenUrl: z.url(), clientId: z.string().min(1), clientSecret: z.string().min(1) }),
]);
export type OutboundAuth = z.infer<typeof outboundAuthSchema>;

export const outboundSubscriptionSchema = z
  .object({
    /** Where messages go; a message may add a path (Coupa: /invoices, /purchase_orders). */
    url: z.url(),
    auth: outboundAuthSchema.default({ type: 'none' }),
    /** Attempts per message before it is given up (counted as failed). */
    maxAttempts: z.number().int().min(1).max(100).default(12),
    initialBackoffMs: z.number().int().min(1).default(500),
    maxBackoffMs: z.number().int().min(1).default(30_000),
  })
  .strict();
export type OutboundSubscription = z.infer<typeof outboundSubscriptionSchema>;

export interface OutboundMessage {
  /** Appended to the subscription's URL. */
  path?: string;
  contentType: string;
  /** Rendered at each attempt with the credentials, when the format carries them (WS-Security). */
  render(auth: OutboundAuth): string;
  /** For /_sandbox/subscriptions: what it was, without personal data. */
  description: string;
}

export interface OutboundStats {
  configured: boolean;
  delivered: number;
  failed: number;
  pending: number;
  attempts: number;
  /** The last few outcomes, newest last. */
  recent: Array<{ description: string; status: number | string; attempt: number }>;
}

/** One subscription (or none: delivery is off) and its queue of messages being delivered. */
export class OutboundDeliveries {
  private subscription: OutboundSubscription | null = null;
  private readonly stats = { delivered: 0, failed: 0, pending: 0, attempts: 0 };
  private readonly recent: OutboundStats['recent'] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private token: { value: string; expiresAt: number } | null = null;
  private closed = false;

  configure(subscription: unknown): OutboundSubscription | null {
    this.subscription = subscription === null ? null : outboundSubscriptionSchema.parse(subscription);
    this.token = null;
    return this.subscription;
  }

  current(): OutboundSubscription | null {
    return this.subscription;
  }

  report(): OutboundStats {
    return { configured: this.subscription !== null, ...this.stats, recent: [...this.recent] };
  }

  /** Queues a message for the current subscription; nothing happens when none is configured. */
  send(message: OutboundMessage): void {
    const subscription = this.subscription;
    if (!subscription || this.closed) return;
    this.stats.pending += 1;
    void this.attempt(message, 1);
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** Each attempt uses the subscription as it is now: a fixed password reaches messages already queued, as in Workday. */
  private async attempt(message: OutboundMessage, attempt: number): Promise<void> {
    if (this.closed) return;
    const subscription = this.subscription;
    if (!subscription) {
      // Switched off while queued: given up.
      this.stats.pending -= 1;
      this.stats.failed += 1;
      return;
    }
    this.stats.attempts += 1;
    let status: number | string;
    try {
      status = await this.post(subscription, message);
    } catch (err) {
      status = err instanceof Error ? err.message : String(err);
    }
    this.note(message.description, status, attempt);
    if (typeof status === 'number' && status >= 200 && status < 300) {
      this.stats.pending -= 1;
      this.stats.delivered += 1;
      return;
    }
    if (status === 401) this.token = null;
    if (attempt >= subscription.maxAttempts) {
      this.stats.pending -= 1;
      this.stats.failed += 1;
      return;
    }
    const backoff = Math.min(subscription.maxBackoffMs, subscription.initialBackoffMs * 2 ** (attempt - 1));
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(message, attempt + 1);
    }, backoff);
    timer.unref();
    this.timers.add(timer);
  }

  private async post(subscription: OutboundSubscription, message: OutboundMessage): Promise<number> {
    const headers: Record<string, string> = { 'content-type': message.contentType };
    const auth = subscription.auth;
    if (auth.type === 'basic') headers.authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
    if (auth.type === 'oauth') headers.authorization = `Bearer ${await this.bearer(auth)}`;
    const res = await fetch(`${subscription.url}${message.path ?? ''}`, { method: 'POST', headers, body: message.render(auth), signal: AbortSignal.timeout(30_000) });
    await res.arrayBuffer().catch(() => undefined);
    return res.status;
  }

  private async bearer(auth: Extract<OutboundAuth, { type: 'oauth' }>): Promise<string> {
    if (this.token && this.token.expiresAt > Date.now() + 30_000) return this.token.value;
    const res = await fetch(auth.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: auth.clientId, client_secret: auth.clientSecret }).toString(),
      signal: AbortSignal.timeout(30_000),
    });
    const body = (await res.json().catch(() => ({}))) as { access_token?: string; expires_in?: number };
    if (!res.ok || !body.access_token) throw new Error(`token endpoint answered ${res.status}`);
    this.token = { value: body.access_token, expiresAt: Date.now() + (body.expires_in ?? 300) * 1000 };
    return body.access_token;
  }

  private note(description: string, status: number | string, attempt: number): void {
    this.recent.push({ description, status, attempt });
    if (this.recent.length > 20) this.recent.shift();
  }
}
