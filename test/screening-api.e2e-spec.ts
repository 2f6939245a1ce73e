import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('POST /v1/screening', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('searches the lists in force and explains each match', async () => {
    const response = await t.request('POST', '/v1/screening/search', { key: t.adminKey, body: { name: 'Ivan Demovich Petrov', type: 'person', dateOfBirth: '1970', nationality: 'RU' } });
    expect(response.status).toBe(200);
    expect(response.body.listSnapshots.length).toBeGreaterThan(0);
    const match = response.body.matches.find((candidate: { list: string }) => candidate.list === 'DEMO_UN');
    expect(match).toMatchObject({ sourceId: 'DMi.001', primaryName: expect.any(String), matchedName: expect.any(String), band: expect.stringMatching(/REVIEW|STRONG/) });
    expect(match.score).toBeGreaterThanOrEqual(0.8);
    expect(match.explanation.parts.length).toBeGreaterThan(0);
  });

  it('answers a batch in query order, with an empty result for an innocent name', async () => {
    const response = await t.request('POST', '/v1/screening/search:batch', {
      key: t.adminKey,
      body: { queries: [{ name: 'Kathryn Barr', type: 'person' }, { name: 'FICTIONAL STAR', type: 'vessel' }] },
    });
    expect(response.status).toBe(200);
    expect(response.body.results).toHaveLength(2);
    expect(response.body.results[0].matches).toEqual([]);
    expect(response.body.results[1].matches[0]).toMatchObject({ list: 'DEMO_OFAC', sourceId: '900005' });
  });

  it('refuses more than 1,000 queries and a threshold outside [0, 1], naming the field', async () => {
    const tooMany = await t.request('POST', '/v1/screening/search:batch', { key: t.adminKey, body: { queries: Array.from({ length: 1001 }, () => ({ name: 'x' })) } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.details[0].path).toBe('queries');
    const threshold = await t.request('POST', '/v1/screening/search', { key: t.adminKey, body: { name: 'x', threshold: 2 } });
    expect(threshold.status).toBe(400);
    expect(threshold.body.error.details[0].path).toBe('threshold');
  });

  it('compares two names with score, band and explanation', async () => {
    const response = await t.request('POST', '/v1/screening/compare', { key: t.adminKey, body: { a: { name: 'Mohammed Hussein', type: 'person' }, b: { name: 'Muhammad Husayn', type: 'person' } } });
    expect(response.status).toBe(200);
    expect(response.body.score).toBeGreaterThanOrEqual(0.8);
    expect(response.body).toMatchObject({ band: expect.stringMatching(/REVIEW|STRONG/), explanation: expect.any(Object) });
  });

  it('is not open to the gateway key', async () => {
    expect((await t.request('POST', '/v1/screening/search', { key: t.gatewayKey, body: { name: 'x' } })).status).toBe(403);
  });
});
