/**
 * npm run bench:pre-auth [-- --data ../shared/sanctions-lists --duration 20 --connections 64 --runtimes postgres-redis,embedded]
 *
 * Starts the real server (api + worker in one process) as a child process on each runtime with the UN and OFAC
 * SDN lists loaded, then drives POST /v1/pre-auth with autocannon from this process (same machine), every payment
 * from a new payer. Prints decisions/s and latency, and appends the figures to docs/benchmarks.md.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { parse } from 'csv-parse/sync';
import pg from 'pg';
import { embeddedSocketDirectory } from '../libs/persistence/src/index.js';
import { countryCode } from '../libs/screening/src/lists/index.js';
import { clearRedisPrefix, rssOf, run, waitReady } from './bench-support.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/sanctions-lists' },
    duration: { type: 'string', default: '20' },
    connections: { type: 'string', default: '64' },
    runtimes: { type: 'string', default: 'postgres-redis,embedded' },
    postgres: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    redis: { type: 'string', default: 'redis://127.0.0.1:6379' },
    out: { type: 'string', default: 'docs/benchmarks.md' },
  },
});
const root = resolve(import.meta.dirname, '../..');
const dataDir = resolve(root, values.data);
const duration = Number(values.duration);
const connections = Number(values.connections);

interface Figures {
  runtime: string;
  decisionsPerSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  total: number;
  errors: number;
  non2xx: number;
  outcomes: Record<string, number>;
  rssMb: number;
}




/** Realistic parties: the synthetic innocents (names in many scripts, with DOB and nationality). */
interface Person {
  name: string;
  dateOfBirth?: string;
  nationality?: string;
}
const people: Person[] = [];
for (const file of ['eval_yente_negatives_global.csv', 'eval_yente_negatives_us.csv']) {
  const rows = parse<Record<string, string>>(readFileSync(join(dataDir, file)), { columns: true, skip_empty_lines: true });
  for (const row of rows) {
    if (!row.full_name) continue;
    people.push({ name: row.full_name, dateOfBirth: /^\d{4}-\d{2}-\d{2}$/.test(row.date_of_birth ?? '') ? row.date_of_birth : undefined, nationality: countryCode(row.nationality ?? '') });
  }
}

let sequence = 0;
function paymentBody(): string {
  sequence += 1;
  const id = `${process.pid}-${sequence}-${randomUUID().slice(0, 8)}`;
  const person = people[sequence % people.length];
  // a merchant keeps its name and legal representative; 500 merchants
  const merchantNumber = sequence % 500;
  const representative = people[(merchantNumber * 7919) % people.length];
  return JSON.stringify({
    transactionId: `BENCH-${id}`,
    occurredAt: new Date().toISOString(),
    amount: { value: '268.00', currency: 'CNY' },
    payerAmount: { value: '37.22', currency: 'USD' },
    qrType: 'DYNAMIC',
    payer: {
      walletProvider: 'KAKAOPAY',
      walletAccountId: `bench-${id}`,
      name: person.name,
      dateOfBirth: person.dateOfBirth,
      nationality: person.nationality,
      residenceCountry: 'KR',
      idDocument: { type: 'PASSPORT', number: `M${String(sequence).padStart(8, '0')}`, country: 'KR' },
      kycLevel: 'T1',
      deviceId: 'd-77',
      ipAddress: '203.0.113.7',
    },
    merchant: { id: `M-${merchantNumber}`, name: `Shanghai Dumpling House ${merchantNumber}`, mcc: '5812', city: 'Shanghai', country: 'CN', legalRepresentative: representative.name, personalCollectionCode: false },
  });
}

async function benchRuntime(runtime: string): Promise<Figures> {
  const port = 3900 + Math.floor(Math.random() * 90);
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', LOAD_DEMO_LISTS: 'false', QUEUE_PREFIX: `bench-${process.pid}` };
  let cleanup: () => Promise<void>;
  if (runtime === 'embedded') {
    const folder = mkdtempSync(join(tmpdir(), 'cpg-bench-'));
    env.DATA_DIR = folder;
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    cleanup = async () => rmSync(folder, { recursive: true, force: true });
  } else {
    const database = `cpg_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: values.postgres });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    const url = new URL(values.postgres);
    url.pathname = `/${database}`;
    env.DATABASE_URL = url.toString();
    if (runtime === 'postgres-redis') env.REDIS_URL = values.redis;
    else delete env.REDIS_URL;
    cleanup = async () => {
      const client = new pg.Client({ connectionString: values.postgres });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await client.end();
      if (runtime === 'postgres-redis') await clearRedisPrefix(values.redis, env.QUEUE_PREFIX!);
    };
  }
  const cli = ['dist/apps/cli/src/main.js'];
  process.stdout.write(`[${runtime}] importing UN and OFAC SDN lists from ${dataDir}\n`);
  await run(root, 'node', [...cli, 'lists:import', '--format', 'un-xml', '--file', join(dataDir, 'un_sc_consolidated.xml')], env);
  await run(root, 'node', [...cli, 'lists:import', '--format', 'ofac-sdn-csv', '--file', join(dataDir, 'ofac_sdn.csv'), '--alt', join(dataDir, 'ofac_sdn_alt.csv'), '--add', join(dataDir, 'ofac_sdn_add.csv'), '--comments', join(dataDir, 'ofac_sdn_comments.csv')], env);
  const key = (await run(root, 'node', [...cli, 'api-keys:create', '--name', 'bench', '--role', 'gateway'], env)).trim().split('\n').pop()!;

  const server = spawn('node', ['dist/apps/api/src/main.js', '--with-worker'], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    await waitReady(port, server);
    const request = { method: 'POST', path: '/v1/pre-auth', headers: { 'content-type': 'application/json', 'x-api-key': key }, setupRequest: (spec: object) => ({ ...spec, body: paymentBody() }) };
    process.stdout.write(`[${runtime}] warming up for 5 s\n`);
    await autocannon({ url: `http://127.0.0.1:${port}`, connections, duration: 5, requests: [request] });
    process.stdout.write(`[${runtime}] measuring for ${duration} s with ${connections} connections\n`);
    const result = await autocannon({ url: `http://127.0.0.1:${port}`, connections, duration, requests: [request], timeout: 10 });
    const rssMb = rssOf(server.pid!);
    const outcomes: Record<string, number> = {};
    const client = new pg.Client({ connectionString: env.DATABASE_URL ?? `postgres://postgres@localhost:5432/postgres?host=${encodeURIComponent(embeddedSocketDirectory(env.DATA_DIR!))}` });
    await client.connect();
    for (const row of (await client.query<{ outcome: string; n: number }>('SELECT outcome, count(*)::int AS n FROM decisions GROUP BY outcome')).rows) outcomes[row.outcome] = row.n;
    await client.end();
    return {
      runtime,
      decisionsPerSecond: Math.round(result.requests.average),
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      total: result.requests.total,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
      outcomes,
      rssMb,
    };
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolvePromise) => server.once('exit', resolvePromise));
    await cleanup();
  }
}

const results: Figures[] = [];
for (const runtime of values.runtimes.split(',')) results.push(await benchRuntime(runtime.trim()));

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`;
const lines = [
  '',
  `### Pre-authorisation throughput, ${new Date().toISOString()}`,
  '',
  `Machine: ${machine}; load generator (autocannon, ${connections} connections, ${duration} s after a 5 s warm-up) on the same machine; UN + OFAC SDN lists loaded; every payment a new payer named after one of the 100,000 synthetic innocents (with DOB and nationality).`,
  '',
  '| runtime | decisions/s | p50 ms | p90 ms | p99 ms | max ms | requests | errors | non-2xx | server RSS MB | outcomes (incl. warm-up) |',
  '|---|---|---|---|---|---|---|---|---|---|---|',
  ...results.map((r) => `| ${r.runtime} | ${r.decisionsPerSecond} | ${r.p50} | ${r.p90} | ${r.p99} | ${r.max} | ${r.total} | ${r.errors} | ${r.non2xx} | ${r.rssMb} | ${Object.entries(r.outcomes).map(([k, v]) => `${k} ${v}`).join(', ')} |`),
  '',
];
process.stdout.write(`${lines.join('\n')}\n`);
const out = resolve(root, values.out);
if (!existsSync(out)) writeFileSync(out, '# Benchmarks\n\nFigures appended by the benchmark commands (`npm run bench:*`), newest last.\n');
appendFileSync(out, lines.join('\n'));
