import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  enqueueHoldsExpiry,
  HoldsUseCase,
  verifySignature,
  WebhookDeliveryUseCase,
} from '../libs/decisions/src/index.js';
import { bearer, loginAs } from './support/officers.js';
import { preAuthRequest, startTestApp, type TestApp } from './support/test-app.js';
import { waitFor } from './support/wait.js';


interface ReceivedWebhook {
  body: string;
  signature: string;
  webhookId: string;
  answered: number;
  at: number;
}

/** The gateway's webhook endpoint: each webhook id fails twice (HTTP 503), then is accepted. */
async function startReceiver(): Promise<{ server: Server; url: string; received: ReceivedWebhook[] }> {
  const received: ReceivedWebhook[] = [];
  const attempts = new Map<string, number>();
  const server = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const webhookId = String(request.headers['x-webhook-id']);
      const count = (attempts.get(webhookId) ?? 0) + 1;
      attempts.set(webhookId, count);
      const answered = count <= 2 ? 503 : 200;
      received.push({
        body: Buffer.concat(chunks).toString('utf8'),
        signature: String(request.headers['x-signature']),
        webhookId,
        answered,
        at: Date.now(),
      });
      response
        .writeHead(answered, { 'content-type': 'text/plain' })
        .end(answered === 200 ? 'ok' : 'try again');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/cpg/webhooks`, received };
}

const SECRET = 'holds-test-webhook-secret-0123456789';

/** A payer matching the demo list by name only (no date of birth or nationality): the REVIEW band. */
function reviewRequest(): Record<string, any> {
  return preAuthRequest({
    payer: {
      name: 'IVAN DEMOVICH PETROV',
      nameOriginalScript: undefined,
      dateOfBirth: undefined,
      nationality: undefined,
      residenceCountry: undefined,
      idDocument: undefined,
    },
  });
}

describe(HoldsUseCase.name, () => {
  let t: TestApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    receiver = await startReceiver();
    t = await startTestApp({
      env: {
        GATEWAY_WEBHOOK_URL: receiver.url,
        GATEWAY_WEBHOOK_SECRET: SECRET,
        GATEWAY_WEBHOOK_BACKOFF_MS: '100',
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    receiver?.server.closeAllConnections();
    await new Promise((resolve) => receiver?.server.close(resolve));
  });

  async function heldPayment(): Promise<{ transactionId: string; payerKey: string }> {
    const body = reviewRequest();
    const response = await t.request('POST', '/v1/pre-auth', { body });
    expect(response.status).toBe(200);
    expect(response.body.decision).toBe('REVIEW');
    // the decision follow-up job creates the hold
    await waitFor(
      async () =>
        (
          await t.dataSource.query('SELECT 1 FROM payment_holds WHERE transaction_id = $1', [
            body.transactionId,
          ])
        ).length > 0,
    );
    return {
      transactionId: body.transactionId,
      payerKey: `${body.payer.walletProvider}:${body.payer.walletAccountId}`,
    };
  }

  const dayUsage = async (payerKey: string): Promise<number> =>
    Number(
      (
        await t.dataSource.query(
          "SELECT coalesce(sum(amount), 0) AS amount FROM limit_usage WHERE payer_key = $1 AND period = 'DAY'",
          [payerKey],
        )
      )[0].amount,
    );

  it('holds a REVIEW payment for the time box; an officer declines it, the limits are released and the gateway reads the resolution', async () => {
    const { transactionId, payerKey } = await heldPayment();
    const hold = (
      await t.dataSource.query(
        'SELECT h.status, h.expires_at - h.held_at AS box, h.held_at = d.decided_at AS from_decision FROM payment_holds h JOIN decisions d USING (transaction_id) WHERE transaction_id = $1',
        [transactionId],
      )
    )[0];
    expect(hold).toMatchObject({ status: 'HELD', from_decision: true });
    expect(await dayUsage(payerKey)).toBe(3722);

    const analyst = await loginAs(t, 'ANALYST');
    const auditor = await loginAs(t, 'AUDITOR');
    const held = await t.request('GET', '/v1/pre-auth/' + transactionId);
    expect(held.status).toBe(200);
    expect(held.body).toMatchObject({
      transactionId,
      paymentStatus: 'PENDING',
      finalDecision: 'REVIEW',
      decision: { decision: 'REVIEW' },
      hold: { status: 'HELD', resolution: null },
    });
    const queue = await t.request('GET', '/v1/holds?status=HELD', bearer(auditor.token));
    expect(queue.status).toBe(200);
    expect(queue.body.holds.map((item: { transactionId: string }) => item.transactionId)).toContain(
      transactionId,
    );

    expect(
      (
        await t.request(
          'POST',
          `/v1/pre-auth/${transactionId}/resolution`,
          bearer(auditor.token, { decision: 'DECLINE', rationale: 'auditor tries' }),
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await t.request('POST', `/v1/pre-auth/${transactionId}/resolution`, {
          body: { decision: 'DECLINE', rationale: 'gateway tries' },
        })
      ).status,
    ).toBe(403);
    const blank = await t.request(
      'POST',
      `/v1/pre-auth/${transactionId}/resolution`,
      bearer(analyst.token, { decision: 'DECLINE', rationale: '   ' }),
    );
    expect(blank.status).toBe(400);
    const missing = await t.request(
      'POST',
      `/v1/pre-auth/${transactionId}/resolution`,
      bearer(analyst.token, { decision: 'DECLINE' }),
    );
    expect(missing.status).toBe(400);

    const resolved = await t.request(
      'POST',
      `/v1/pre-auth/${transactionId}/resolution`,
      bearer(analyst.token, {
        decision: 'DECLINE',
        rationale: 'Same person as the list entry: wallet KYC shows the listed passport',
      }),
    );
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      paymentStatus: 'DECLINED',
      finalDecision: 'DECLINE',
      hold: { status: 'RESOLVED_DECLINE', resolution: 'DECLINE', resolvedBy: `officer:${analyst.username}` },
    });
    expect(await dayUsage(payerKey)).toBe(0);
    const retried = await t.request(
      'POST',
      `/v1/pre-auth/${transactionId}/resolution`,
      bearer(analyst.token, {
        decision: 'DECLINE',
        rationale: 'Same person as the list entry: wallet KYC shows the listed passport',
      }),
    );
    expect(retried.status).toBe(200);
    expect(retried.body.hold.status).toBe('RESOLVED_DECLINE');
    const again = await t.request(
      'POST',
      `/v1/pre-auth/${transactionId}/resolution`,
      bearer(analyst.token, { decision: 'APPROVE', rationale: 'changed my mind' }),
    );
    expect(again.status).toBe(409);

    const gateway = await t.request('GET', '/v1/pre-auth/' + transactionId);
    expect(gateway.body).toMatchObject({
      paymentStatus: 'DECLINED',
      finalDecision: 'DECLINE',
      hold: { status: 'RESOLVED_DECLINE', resolution: 'DECLINE' },
    });
    // the gateway never sees who resolved it or why (no tipping off)
    expect(gateway.body.hold).not.toHaveProperty('rationale');
    expect(gateway.body.hold).not.toHaveProperty('resolvedBy');
    expect((await t.request('GET', '/v1/pre-auth/' + transactionId, { key: t.adminKey })).status).toBe(403);

    const audit = await t.dataSource.query(
      "SELECT action, actor FROM audit_events WHERE entity_type = 'payment' AND entity_id = $1 ORDER BY id",
      [transactionId],
    );
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: 'payment.held', actor: 'system:system' },
        { action: 'payment.hold-resolved', actor: `officer:${analyst.username}` },
      ]),
    );
    const outcome = await t.request('POST', `/v1/transactions/${transactionId}/outcome`, {
      body: { status: 'SETTLED', at: new Date().toISOString() },
    });
    expect(outcome.status).toBe(409);

    // webhook: the receiver fails twice, then accepts one valid signed delivery; the log shows the three attempts
    const event = await waitFor(async () => {
      const rows = await t.dataSource.query(
        "SELECT id, status, attempts FROM webhook_events WHERE transaction_id = $1 AND event = 'hold.resolved' AND status = 'DELIVERED'",
        [transactionId],
      );
      return rows[0] as { id: string; status: string; attempts: number } | undefined;
    });
    expect(event.attempts).toBe(3);
    const deliveries = await t.dataSource.query(
      'SELECT attempt, status_code, error, duration_ms >= 0 AS timed FROM webhook_deliveries WHERE event_id = $1 ORDER BY attempt',
      [event.id],
    );
    expect(deliveries).toEqual([
      { attempt: 1, status_code: 503, error: 'HTTP 503', timed: true },
      { attempt: 2, status_code: 503, error: 'HTTP 503', timed: true },
      { attempt: 3, status_code: 200, error: null, timed: true },
    ]);
    const calls = receiver.received.filter((call) => call.webhookId === event.id);
    expect(calls.map((call) => call.answered)).toEqual([503, 503, 200]);
    const accepted = calls.filter((call) => call.answered === 200);
    expect(accepted).toHaveLength(1);
    expect(
      verifySignature(SECRET, accepted[0].signature, accepted[0].body, Math.floor(Date.now() / 1000)),
    ).toBe(true);
    expect(
      verifySignature(
        'not-the-secret-of-the-gateway',
        accepted[0].signature,
        accepted[0].body,
        Math.floor(Date.now() / 1000),
      ),
    ).toBe(false);
    const delivered = JSON.parse(accepted[0].body);
    expect(delivered).toMatchObject({
      id: event.id,
      event: 'hold.resolved',
      data: { transactionId, decision: 'DECLINE', holdStatus: 'RESOLVED_DECLINE', paymentStatus: 'DECLINED' },
    });
    expect(accepted[0].body).not.toContain('wallet KYC');
    // exponential backoff (100 ms, then 200 ms): each retry waits at least its configured delay; the measured gaps
    // also carry queue polling and load, so they are compared with the configuration, not with each other
    expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(100 - 20);
    expect(calls[2].at - calls[1].at).toBeGreaterThanOrEqual(200 - 20);
  });

  it('approving a held payment keeps its reserved limits and leaves it pending for the outcome', async () => {
    const { transactionId, payerKey } = await heldPayment();
    const supervisor = await loginAs(t, 'SUPERVISOR');
    const resolved = await t.request(
      'POST',
      `/v1/pre-auth/${transactionId}/resolution`,
      bearer(supervisor.token, {
        decision: 'APPROVE',
        rationale: 'Different person: date of birth on the wallet record differs',
      }),
    );
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      paymentStatus: 'PENDING',
      finalDecision: 'APPROVE',
      hold: { status: 'RESOLVED_APPROVE', resolution: 'APPROVE' },
    });
    expect(await dayUsage(payerKey)).toBe(3722);
    const settled = await t.request('POST', `/v1/transactions/${transactionId}/outcome`, {
      body: { status: 'SETTLED', at: new Date().toISOString() },
    });
    expect(settled.status).toBe(200);
    const gateway = await t.request('GET', '/v1/pre-auth/' + transactionId);
    expect(gateway.body).toMatchObject({ paymentStatus: 'SETTLED', finalDecision: 'APPROVE' });
  });

  it('lets exactly one of two officers resolving the same hold at once win', async () => {
    const { transactionId } = await heldPayment();
    const [first, second] = await Promise.all([loginAs(t, 'ANALYST'), loginAs(t, 'SUPERVISOR')]);
    const answers = await Promise.all([
      t.request(
        'POST',
        `/v1/pre-auth/${transactionId}/resolution`,
        bearer(first.token, { decision: 'APPROVE', rationale: 'Different date of birth' }),
      ),
      t.request(
        'POST',
        `/v1/pre-auth/${transactionId}/resolution`,
        bearer(second.token, { decision: 'DECLINE', rationale: 'Same passport number' }),
      ),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const events = await t.dataSource.query(
      "SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action = 'payment.hold-resolved'",
      [transactionId],
    );
    expect(events[0].n).toBe(1);
  });

  it('logs a failed delivery attempt with its error and marks the webhook FAILED after the last attempt', async () => {
    const { transactionId } = await heldPayment();
    const rows = await t.dataSource.query(
      "INSERT INTO webhook_events (transaction_id, event) VALUES ($1, 'hold.test') RETURNING id",
      [transactionId],
    );
    const unreachable = new WebhookDeliveryUseCase(t.dataSource, {
      url: 'http://127.0.0.1:9/unreachable',
      secret: SECRET,
      timeoutMs: 2000,
    });
    await expect(unreachable.deliver(rows[0].id, true)).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
    });
    const event = await t.dataSource.query('SELECT status, attempts FROM webhook_events WHERE id = $1', [
      rows[0].id,
    ]);
    expect(event).toEqual([{ status: 'FAILED', attempts: 1 }]);
    const log = await t.dataSource.query(
      'SELECT attempt, status_code, error IS NOT NULL AS failed FROM webhook_deliveries WHERE event_id = $1',
      [rows[0].id],
    );
    expect(log).toEqual([{ attempt: 1, status_code: null, failed: true }]);
    await expect(
      t.dataSource.query('DELETE FROM webhook_deliveries WHERE event_id = $1', [rows[0].id]),
    ).rejects.toThrow(/append-only/);
  });

  it('declines a hold by default when its time box (a database setting) runs out, releases the limits and tells the gateway', async () => {
    await t.dataSource.query(
      "UPDATE hold_settings SET time_box = interval '1 second', updated_by = 'test' WHERE id = 1",
    );
    try {
      const { transactionId, payerKey } = await heldPayment();
      const hold = (
        await t.dataSource.query(
          'SELECT extract(epoch FROM expires_at - held_at)::int AS seconds FROM payment_holds WHERE transaction_id = $1',
          [transactionId],
        )
      )[0];
      expect(hold.seconds).toBe(1);
      expect(await dayUsage(payerKey)).toBe(3722);
      await waitFor(
        async () =>
          (
            await t.dataSource.query(
              'SELECT 1 FROM payment_holds WHERE transaction_id = $1 AND expires_at < now()',
              [transactionId],
            )
          ).length > 0,
      );
      const analyst = await loginAs(t, 'ANALYST');
      const late = await t.request(
        'POST',
        `/v1/pre-auth/${transactionId}/resolution`,
        bearer(analyst.token, { decision: 'APPROVE', rationale: 'too late' }),
      );
      expect(late.status).toBe(409);

      // the scheduler runs the expiry every 30 s; run it now through the same queue
      await enqueueHoldsExpiry(t.app.get<Queue>(getQueueToken('webhooks')));
      const expired = await waitFor(async () => {
        const rows = await t.dataSource.query(
          "SELECT status, resolved_by FROM payment_holds WHERE transaction_id = $1 AND status <> 'HELD'",
          [transactionId],
        );
        return rows[0] as { status: string; resolved_by: string } | undefined;
      });
      expect(expired).toEqual({ status: 'EXPIRED_DECLINE', resolved_by: 'system:system' });
      expect(await dayUsage(payerKey)).toBe(0);
      const gateway = await t.request('GET', '/v1/pre-auth/' + transactionId);
      expect(gateway.body).toMatchObject({
        paymentStatus: 'DECLINED',
        finalDecision: 'DECLINE',
        hold: { status: 'EXPIRED_DECLINE', resolution: 'DECLINE' },
      });
      const audit = await t.dataSource.query(
        "SELECT actor FROM audit_events WHERE entity_type = 'payment' AND entity_id = $1 AND action = 'payment.hold-expired'",
        [transactionId],
      );
      expect(audit).toEqual([{ actor: 'system:system' }]);
      const webhook = await waitFor(async () => {
        const rows = await t.dataSource.query(
          "SELECT id FROM webhook_events WHERE transaction_id = $1 AND event = 'hold.expired' AND status = 'DELIVERED'",
          [transactionId],
        );
        return rows[0] as { id: string } | undefined;
      });
      const accepted = receiver.received.find(
        (call) => call.webhookId === webhook.id && call.answered === 200,
      )!;
      expect(JSON.parse(accepted.body)).toMatchObject({
        event: 'hold.expired',
        data: { transactionId, decision: 'DECLINE', holdStatus: 'EXPIRED_DECLINE' },
      });
    } finally {
      await t.dataSource.query(
        "UPDATE hold_settings SET time_box = interval '30 minutes', updated_by = 'test' WHERE id = 1",
      );
    }
  });
});
