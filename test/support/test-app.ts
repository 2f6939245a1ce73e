import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DataSource } from 'typeorm';
import { DataSource as DataSourceToken } from 'typeorm';
import { ApiKeyService } from '../../libs/access/src/index.js';
import type { Actor } from '../../libs/common/src/index.js';
import { createApiApp } from '../../apps/api/src/bootstrap.js';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { startTestRuntime, type TestRuntime } from './test-runtime.js';

export const TEST_ACTOR: Actor = { kind: 'cli', id: 'test', name: 'test', role: 'operator' };

export interface TestApp {
  app: NestFastifyApplication;
  dataSource: DataSource;
  runtime: TestRuntime;
  gatewayKey: string;
  adminKey: string;
  request(method: string, url: string, options?: { body?: unknown; key?: string | null; headers?: Record<string, string>; rawBody?: string }): Promise<{ status: number; body: any; headers: Record<string, unknown> }>;
  close(): Promise<void>;
}

/** The real api (and worker, unless told otherwise) on this file's own database and queue prefix. */
export async function startTestApp(options: { worker?: boolean; env?: Record<string, string>; runtime?: TestRuntime } = {}): Promise<TestApp> {
  const runtime = options.runtime ?? (await startTestRuntime({ LOAD_DEMO_LISTS: 'true', ...options.env }));
  const app = await createApiApp(runtime.config, runtime.runtime, options.worker === false ? [] : [WorkerModule.forRoot(runtime.config)]);
  const dataSource = app.get(DataSourceToken);
  const apiKeys = new ApiKeyService(dataSource);
  const gatewayKey = (await apiKeys.create('test gateway', 'gateway', TEST_ACTOR)).key;
  const adminKey = (await apiKeys.create('test admin', 'admin', TEST_ACTOR)).key;
  const fastify = app.getHttpAdapter().getInstance();
  return {
    app,
    dataSource,
    runtime,
    gatewayKey,
    adminKey,
    async request(method, url, requestOptions = {}) {
      const key = requestOptions.key === undefined ? gatewayKey : requestOptions.key;
      const headers: Record<string, string> = { ...(key ? { 'x-api-key': key } : {}), ...requestOptions.headers };
      let payload: string | undefined = requestOptions.rawBody;
      if (payload === undefined && requestOptions.body !== undefined) payload = JSON.stringify(requestOptions.body);
      if (payload !== undefined) headers['content-type'] ??= 'application/json';
      const response = await fastify.inject({ method: method as 'GET', url, headers, payload });
      let body: unknown = response.body;
      try {
        body = JSON.parse(response.body);
      } catch {
        // not JSON (metrics)
      }
      return { status: response.statusCode, body, headers: response.headers };
    },
    async close() {
      await app.close();
      if (!options.runtime) await runtime.cleanup();
    },
  };
}

let sequence = 0;

/** A valid pre-auth request; every call gets a new transaction id, overrides merge shallowly per part. */
export function preAuthRequest(overrides: { payer?: Record<string, unknown>; merchant?: Record<string, unknown>; [key: string]: unknown } = {}): Record<string, any> {
  sequence += 1;
  const { payer, merchant, ...rest } = overrides;
  return {
    transactionId: `CPG-TEST-${process.pid}-${Date.now().toString(36)}-${sequence}`,
    occurredAt: new Date().toISOString(),
    amount: { value: '268.00', currency: 'CNY' },
    payerAmount: { value: '37.22', currency: 'USD' },
    qrType: 'DYNAMIC',
    payer: {
      walletProvider: 'KAKAOPAY',
      walletAccountId: `kp-${process.pid}-${sequence}`,
      name: 'KIM MIN JUN',
      nameOriginalScript: '김민준',
      dateOfBirth: '1990-04-02',
      nationality: 'KR',
      residenceCountry: 'KR',
      idDocument: { type: 'PASSPORT', number: 'M12345678', country: 'KR' },
      kycLevel: 'T1',
      deviceId: 'd-77',
      ipAddress: '203.0.113.7',
      ...payer,
    },
    merchant: {
      id: 'M-310000-0091',
      name: 'Shanghai Dumpling House',
      mcc: '5812',
      city: 'Shanghai',
      country: 'CN',
      legalRepresentative: 'ZHANG WEI',
      personalCollectionCode: false,
      ...merchant,
    },
    ...rest,
  };
}
