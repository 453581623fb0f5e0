// The event ingress (fastify): Workday notifications, Coupa Call Outs and signed JSON events in; a workflow start or signal-with-start out, answered 202 with its ID.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Logger } from '../../infra/logger';
import type { IngressConfig } from '../../infra/config';
import { businessEventSchema, businessKeyOf, type BusinessEvent } from '../events/events';
import { deliverEvent, UnroutableEventError } from '../events/route-table';
import type { RouteOutcome } from '../events/route';
import { IngressAuthError, SIGNATURE_HEADER, basicCredentials, issueCalloutToken, sameCredentials, verifyCalloutToken, verifySignedEvent } from './auth';
import { calloutEvent, type CalloutDocument } from './coupa-callout';
import { MalformedNotificationError, parseEventNameMap, parseWorkdayNotification, workdayEvents } from './workday-notification';
import { RecentEvents } from './recent-events';
import { z } from 'zod';

export interface IngressOptions {
  config: IngressConfig;
  client: Client;
  logger: Logger;
}

const CALLOUT_TOKEN_TTL_SECONDS = 3600;
/** How long a sender waits before retrying after a 503. */
const RETRY_AFTER_SECONDS = 5;

const signedEventSchema = z.object({ id: z.string().min(1).max(200), occurredAt: z.iso.datetime({ offset: true }).optional() }).loose();

type Delivered = RouteOutcome & { process: string; eventId: string; key: string; duplicateDelivery: boolean };

export function buildIngress({ config, client, logger }: IngressOptions): FastifyInstance {
  const app = Fastify({ bodyLimit: config.INGRESS_BODY_LIMIT_BYTES, logger: false, return503OnClosing: true });
  const recent = new RecentEvents(config.INGRESS_DEDUPE_SECONDS * 1000);
  const eventNames = parseEventNameMap(config.INGRESS_WORKDAY_EVENT_NAMES);
  const deadlineMs = config.INGRESS_TEMPORAL_DEADLINE_SECONDS * 1000;

  // Raw bytes for every body: the HMAC is over the exact bytes sent; each route parses what it expects.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  const refuse = (reply: FastifyReply, status: number, reason: string) => reply.code(status).send({ error: reason });

  /** Hands events to their routes (once per event id), within the Temporal deadline. */
  async function deliver(events: BusinessEvent[]): Promise<Delivered[]> {
    return Promise.all(
      events.map(async (event) => {
        const { outcome, duplicate } = recent.deliverOnce(event.eventId, () =>
          client.connection.withDeadline(Date.now() + deadlineMs, () => deliverEvent(client, config, event)),
        );
        const result = await outcome;
        return { ...result, eventId: event.eventId, key: businessKeyOf(event), duplicateDelivery: duplicate };
      }),
    );
  }

  async function answer(reply: FastifyReply, route: string, events: BusinessEvent[]): Promise<FastifyReply> {
    try {
      const delivered = await deliver(events);
      for (const d of delivered) {
        logger.info({ route, process: d.process, workflowId: d.workflowId, duplicate: d.duplicateDelivery || d.duplicate === true }, 'event delivered');
      }
      const body = delivered.map((d) => ({ workflowId: d.workflowId, process: d.process, duplicate: d.duplicateDelivery || d.duplicate === true }));
      return reply.code(202).send(body.length === 1 ? body[0] : { workflows: body });
    } catch (err) {
      if (err instanceof UnroutableEventError) return refuse(reply, 422, err.message);
      if (err instanceof WorkflowExecutionAlreadyStartedError) return reply.code(202).send({ workflowId: err.workflowId, duplicate: true });
      // Temporal unreachable or too slow: the sender keeps the event and retries.
      logger.warn({ route, err: err instanceof Error ? err.message : String(err) }, 'Temporal did not take the event; answered 503');
      return reply
        .code(503)
        .header('retry-after', String(RETRY_AFTER_SECONDS))
        .send({ error: 'the workflow service is unavailable; retry later' });
    }
  }

  const rawBody = (request: FastifyRequest): Buffer | null => (Buffer.isBuffer(request.body) ? request.body : null);

  app.get('/healthz', async () => ({ ok: true }));

  // Workday outbound subscription → SOAP Receive_Notification.
  app.post('/events/workday', async (request, reply) => {
    const user = config.INGRESS_WORKDAY_USERNAME;
    const password = config.INGRESS_WORKDAY_PASSWORD;
    if (!user || !password) return refuse(reply, 401, 'Workday notifications are not accepted here: INGRESS_WORKDAY_USERNAME/PASSWORD are not configured');
    const body = rawBody(request);
    const basic = basicCredentials(request.headers.authorization);
    const expected = { username: user, password };
    // Authenticate before parsing when Basic suffices, so nobody unauthenticated gets the XML parser's attention.
    const basicOk = config.INGRESS_WORKDAY_AUTH !== 'ws-security' && sameCredentials(basic, expected);
    if (!basicOk && config.INGRESS_WORKDAY_AUTH === 'basic') return refuse(reply, 401, 'missing or wrong Basic credentials of the Workday subscription');
    if (!body || body.length === 0) return refuse(reply, basicOk ? 400 : 401, basicOk ? 'empty body: expected a SOAP Receive_Notification' : 'missing credentials');
    let notification;
    try {
      notification = parseWorkdayNotification(body.toString('utf8'));
    } catch (err) {
      if (!(err instanceof MalformedNotificationError)) throw err;
      // Without credentials the sender learns nothing about the format.
      return basicOk ? refuse(reply, 400, err.message) : refuse(reply, 401, 'missing or wrong credentials of the Workday subscription');
    }
    if (!basicOk && !sameCredentials(notification.usernameToken, expected)) {
      return refuse(reply, 401, 'missing or wrong credentials of the Workday subscription (Basic or WS-Security UsernameToken)');
    }
    const events = workdayEvents(notification, eventNames);
    if ('ignored' in events) return reply.code(202).send({ ignored: events.ignored });
    return answer(reply, 'workday', events);
  });

  // Coupa Call Outs: the OAuth token endpoint the Call Out's client credentials are configured against.
  app.post('/oauth/token', async (request, reply) => {
    const id = config.INGRESS_COUPA_CLIENT_ID;
    const secret = config.INGRESS_COUPA_CLIENT_SECRET;
    if (!id || !secret || config.INGRESS_COUPA_AUTH !== 'oauth') return reply.code(400).send({ error: 'unsupported_grant_type' });
    const form = new URLSearchParams(rawBody(request)?.toString('utf8') ?? '');
    const basic = basicCredentials(request.headers.authorization);
    const given = basic ?? { username: form.get('client_id') ?? '', password: form.get('client_secret') ?? '' };
    if (form.get('grant_type') !== 'client_credentials') return reply.code(400).send({ error: 'unsupported_grant_type' });
    if (!sameCredentials(given, { username: id, password: secret })) return reply.code(401).send({ error: 'invalid_client' });
    return reply.send({ access_token: issueCalloutToken(id, secret, CALLOUT_TOKEN_TTL_SECONDS), token_type: 'bearer', expires_in: CALLOUT_TOKEN_TTL_SECONDS });
  });

  const coupaAuthenticated = (request: FastifyRequest): boolean => {
    const id = config.INGRESS_COUPA_CLIENT_ID;
    const secret = config.INGRESS_COUPA_CLIENT_SECRET;
    if (!id || !secret) return false;
    const header = request.headers.authorization ?? '';
    if (config.INGRESS_COUPA_AUTH === 'basic') return sameCredentials(basicCredentials(header), { username: id, password: secret });
    const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    return bearer !== undefined && verifyCalloutToken(bearer, id, secret);
  };

  for (const document of ['invoices', 'purchase_orders'] as const satisfies readonly CalloutDocument[]) {
    app.post(`/events/coupa/${document}`, async (request, reply) => {
      if (!coupaAuthenticated(request)) return refuse(reply, 401, `missing or wrong ${config.INGRESS_COUPA_AUTH === 'oauth' ? 'bearer token (POST /oauth/token with the Call Out client)' : 'Basic credentials'}`);
      const json = parseJson(rawBody(request));
      if ('invalid' in json) return refuse(reply, 400, json.invalid);
      const event = calloutEvent(document, json.value);
      if ('invalid' in event) return refuse(reply, 400, event.invalid);
      if ('ignored' in event) return reply.code(202).send({ ignored: event.ignored });
      return answer(reply, `coupa-${document}`, [event]);
    });
  }

  // The project's own signed JSON events, for any other source: {id, kind, …fields of the kind}.
  app.post('/events', async (request, reply) => {
    const body = rawBody(request) ?? Buffer.alloc(0);
    try {
      verifySignedEvent(headerText(request.headers[SIGNATURE_HEADER]), body, config.INGRESS_HMAC_SECRETS, config.INGRESS_REPLAY_WINDOW_SECONDS);
    } catch (err) {
      if (err instanceof IngressAuthError) return refuse(reply, 401, err.message);
      throw err;
    }
    const json = parseJson(body);
    if ('invalid' in json) return refuse(reply, 400, json.invalid);
    const envelope = signedEventSchema.safeParse(json.value);
    const event = businessEventSchema.safeParse(json.value);
    if (!envelope.success || !event.success) {
      const issues = [...(envelope.error?.issues ?? []), ...(event.error?.issues ?? [])];
      return refuse(reply, 400, `invalid event: ${issues.map((i) => `${i.path.join('.') || '(body)'} ${i.message}`).join('; ')}`);
    }
    return answer(reply, 'signed', [{ ...event.data, eventId: `signed:${envelope.data.id}`, source: 'signed-event' }]);
  });

  app.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, _request, reply) => {
    // Fastify's own refusals (413 body too large, 415, 400 bad framing) keep their status with a readable reason.
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 413) return refuse(reply, 413, `body larger than ${config.INGRESS_BODY_LIMIT_BYTES} bytes (INGRESS_BODY_LIMIT_BYTES)`);
    if (status === 500) logger.error({ err: error.message }, 'ingress error');
    return refuse(reply, status, status === 500 ? 'internal error' : error.message);
  });
  app.setNotFoundHandler((request, reply) => refuse(reply, 404, `no route ${request.method} ${request.url.split('?')[0]}`));
  return app;
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function parseJson(body: Buffer | null): { value: unknown } | { invalid: string } {
  if (!body || body.length === 0) return { invalid: 'empty body: expected JSON' };
  try {
    return { value: JSON.parse(body.toString('utf8')) as unknown };
  } catch (err) {
    return { invalid: `not JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
}
