// How each sender proves who it is: HMAC-signed JSON (timestamp + raw body, replay window), Workday's subscription user and password, Coupa's Call Out OAuth client.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Authentication failed: 401 with this reason (never the secret or what was expected). */
export class IngressAuthError extends Error {
  override name = 'IngressAuthError';
}

export const SIGNATURE_HEADER = 'x-sync-signature';

function equalText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`: what a sender of signed events puts in X-Sync-Signature. */
export function signEvent(secret: string, rawBody: string | Buffer, timestampSeconds = Math.floor(Date.now() / 1000)): string {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.`).update(rawBody).digest('hex');
  return `t=${timestampSeconds},v1=${mac}`;
}

/**
 * Checks X-Sync-Signature against every configured secret (rotation), and that its timestamp is
 * within the replay window: a captured request cannot be sent again later.
 */
export function verifySignedEvent(header: string | undefined, rawBody: Buffer, secrets: ReadonlyArray<{ secret: string }>, replayWindowSeconds: number, nowMs = Date.now()): void {
  if (secrets.length === 0) throw new IngressAuthError('signed events are not accepted here: INGRESS_HMAC_SECRETS is not configured');
  if (!header) throw new IngressAuthError(`missing ${SIGNATURE_HEADER} header (t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">)`);
  const parts = new Map(header.split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = parts.get('t');
  const v1 = parts.get('v1');
  if (!t || !/^\d{1,12}$/.test(t) || !v1 || !/^[0-9a-f]{64}$/.test(v1)) throw new IngressAuthError(`malformed ${SIGNATURE_HEADER} header: expected t=<unix seconds>,v1=<64 hex>`);
  const skew = Math.abs(nowMs / 1000 - Number(t));
  if (skew > replayWindowSeconds) throw new IngressAuthError(`signature timestamp is ${Math.round(skew)} s away from now (window ${replayWindowSeconds} s): replayed or clock skew`);
  const matches = secrets.some(({ secret }) => equalText(signEvent(secret, rawBody, Number(t)), `t=${t},v1=${v1}`));
  if (!matches) throw new IngressAuthError('signature does not match the body');
}

/** user and password of an `Authorization: Basic` header, or null. */
export function basicCredentials(header: string | undefined): { username: string; password: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header?.trim() ?? '');
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const sep = decoded.indexOf(':');
  return sep < 0 ? null : { username: decoded.slice(0, sep), password: decoded.slice(sep + 1) };
}

export function sameCredentials(given: { username: string; password: string } | null, expected: { username: string; password: string }): boolean {
  // Both compared, whatever the first gives: no timing hint at which one was wrong.
  const user = equalText(given?.username ?? '', expected.username);
  const password = equalText(given?.password ?? '', expected.password);
  return given !== null && user && password;
}

/**
 * Bearer tokens of the Call Out OAuth client: `<expiry>.<hmac>` signed with the client secret, so
 * every ingress replica accepts every other's tokens without shared state.
 */
export function issueCalloutToken(clientId: string, clientSecret: string, ttlSeconds: number, nowMs = Date.now()): string {
  const expiry = Math.floor(nowMs / 1000) + ttlSeconds;
  const mac = createHmac('sha256', clientSecret).update(`${clientId}.${expiry}`).digest('base64url');
  return `${expiry}.${mac}`;
}

export function verifyCalloutToken(token: string, clientId: string, clientSecret: string, nowMs = Date.now()): boolean {
  const [expiry, mac] = token.split('.', 2);
  if (!expiry || !mac || !/^\d+$/.test(expiry) || Number(expiry) < nowMs / 1000) return false;
  return equalText(createHmac('sha256', clientSecret).update(`${clientId}.${expiry}`).digest('base64url'), mac);
}
