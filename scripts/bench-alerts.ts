/**
 * Officers' alert queue benchmark: 100,000 open alerts inserted with SQL into a fresh database on the machine's
 * PostgreSQL, the real server started as a child process, then
 *   1. N concurrent officers (default 10) each looping `POST /v1/alerts/next` + `POST /v1/alerts/{id}/disposition`
 *      (NOT_SUSPICIOUS on non-sanctions alerts, so each closes at once) for D seconds → dispositions/s;
 *   2. the same number of concurrent clients paging `GET /v1/alerts` with filters for D seconds → p50 / p99.
 * Checks afterwards that no alert was claimed twice. Prints the figures and appends them to docs/benchmarks.md.
 *
 *   npm run bench:alerts -- [--duration 20] [--officers 10] [--alerts 100000] [--runtimes postgres-redis,postgres]
 */
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { clearRedisPrefix, run, waitReady } from './bench-support.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '20' },
    officers: { type: 'string', default: '10' },
    alerts: { type: 'string', default: '100000' },
    runtimes: { type: 'string', default: 'postgres-redis' },
    postgres: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    redis: { type: 'string', default: 'redis://127.0.0.1:6379' },
    out: { type: 'string', default: 'docs/benchmarks.md' },
  },
});
const root = resolve(import.meta.dirname, '../..');
const duration = Number(values.duration);
const officerCount = Number(values.officers);
const alertCount = Number(values.alerts);
const PASSWORD = 'bench officer password 2026';
const RATIONALE = 'Benchmark: reviewed the payments, ordinary tourist spending pattern.';

interface Latencies {
  samples: number[];
}

function quantile(samples: number[], fraction: number): number {
  if (!samples.length) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] * 10) / 10;
}

interface Figures {
  runtime: string;
  cycles: number;
  cyclesPerSecond: number;
  nextP50: number;
  nextP99: number;
  dispositionP50: number;
  dispositionP99: number;
  errors: number;
  doubleClaims: number;
  listRequests: number;
  listPerSecond: number;
  listP50: number;
  listP99: number;
  listErrors: number;
  perFilter: Array<{ filter: string; p50: number; p99: number }>;
}



/** 100,000 open alerts of the pre-auth and monitoring kinds, type, priority, rule and SLA due time drawn independently (hashes). */
async function insertAlerts(client: pg.Client): Promise<number> {
  const started = performance.now();
  await client.query(
    `INSERT INTO alerts (dedup_key, type, priority, rule_id, party_key, merchant_id, risk_score, evidence, source, sla_due_at, created_at)
     SELECT 'bench|' || i,
       (ARRAY['VELOCITY', 'KYC_LIMIT', 'MONITORING', 'MCC'])[1 + abs(hashtext(i || 'type')) % 4],
       (ARRAY['LOW', 'MEDIUM', 'MEDIUM', 'HIGH', 'HIGH', 'CRITICAL'])[1 + abs(hashtext(i || 'priority')) % 6],
       (ARRAY['R03', 'R04', 'R05', 'R06', 'R07', 'R08', 'R09', 'R11', 'R12', 'R13'])[1 + abs(hashtext(i || 'rule')) % 10],
       'BENCHPAY:kp-' || (i % 20000), 'M-BENCH-' || (i % 3000), 20 + i % 80,
       jsonb_build_object('transactionId', 'BENCH-' || i, 'reasons', '[]'::jsonb, 'hits', '[]'::jsonb), 'bench',
       now() + make_interval(mins => 30 + abs(hashtext(i || 'sla')) % (72 * 60)), now() - make_interval(secs => i % 86400)
     FROM generate_series(1, $1) AS i`,
    [alertCount],
  );
  await client.query('ANALYZE alerts');
  return Math.round(performance.now() - started);
}

async function login(base: string, username: string, index: number): Promise<string> {
  const response = await fetch(`${base}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.18.0.${index + 1}` },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

async function timed(latencies: Latencies, request: () => Promise<Response>): Promise<Response> {
  const started = performance.now();
  const response = await request();
  latencies.samples.push(performance.now() - started);
  return response;
}

async function benchRuntime(runtime: string): Promise<Figures> {
  const port = 3800 + Math.floor(Math.random() * 90);
  const base = `http://127.0.0.1:${port}`;
  const database = `cpg_bench_alerts_${process.pid}`;
  const admin = new pg.Client({ connectionString: values.postgres });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const url = new URL(values.postgres);
  url.pathname = `/${database}`;
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', LOAD_DEMO_LISTS: 'false', QUEUE_PREFIX: `bench-alerts-${process.pid}`, DATABASE_URL: url.toString() };
  if (runtime === 'postgres-redis') env.REDIS_URL = values.redis;
  else delete env.REDIS_URL;

  const cli = ['dist/apps/cli/src/main.js'];
  await run(root, 'node', [...cli, 'migrate'], env);
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  const server = spawn('node', ['dist/apps/api/src/main.js', '--with-worker'], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    process.stdout.write(`[${runtime}] inserting ${alertCount} open alerts\n`);
    const insertMs = await insertAlerts(client);
    process.stdout.write(`[${runtime}] inserted in ${insertMs} ms; creating ${officerCount} officers\n`);
    const usernames = Array.from({ length: officerCount }, (_, index) => `bench.analyst${index + 1}`);
    for (const username of usernames) await run(root, 'node', [...cli, 'users:create', '--username', username, '--role', 'ANALYST'], env, `${PASSWORD}\n`);
    await waitReady(port, server);
    const tokens = await Promise.all(usernames.map((username, index) => login(base, username, index)));
    const headersOf = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
    const bareHeadersOf = (token: string) => ({ authorization: `Bearer ${token}` });
    let firstError = null as string | null;

    // warm-up: a few cycles per officer
    for (const token of tokens) {
      const claimed = (await (await fetch(`${base}/v1/alerts/next`, { method: 'POST', headers: bareHeadersOf(token) })).json()) as { alert: { id: string } | null };
      if (claimed.alert) await fetch(`${base}/v1/alerts/${claimed.alert.id}/disposition`, { method: 'POST', headers: headersOf(token), body: JSON.stringify({ disposition: 'NOT_SUSPICIOUS', rationale: RATIONALE }) });
    }

    process.stdout.write(`[${runtime}] ${officerCount} officers doing next + disposition for ${duration} s\n`);
    const next: Latencies = { samples: [] };
    const disposition: Latencies = { samples: [] };
    let cycles = 0;
    let errors = 0;
    const workStarted = performance.now();
    const workDeadline = Date.now() + duration * 1000;
    await Promise.all(
      tokens.map(async (token) => {
        while (Date.now() < workDeadline) {
          const claimedResponse = await timed(next, () => fetch(`${base}/v1/alerts/next`, { method: 'POST', headers: bareHeadersOf(token) }));
          if (!claimedResponse.ok) {
            errors += 1;
            firstError ??= `next ${claimedResponse.status}: ${await claimedResponse.text()}`;
            continue;
          }
          const claimed = (await claimedResponse.json()) as { alert: { id: string } | null };
          if (!claimed.alert) break;
          const closed = await timed(disposition, () =>
            fetch(`${base}/v1/alerts/${claimed.alert!.id}/disposition`, { method: 'POST', headers: headersOf(token), body: JSON.stringify({ disposition: 'NOT_SUSPICIOUS', rationale: RATIONALE }) }),
          );
          const text = await closed.text();
          if (closed.ok) cycles += 1;
          else {
            errors += 1;
            firstError ??= `disposition ${closed.status}: ${text}`;
          }
        }
      }),
    );
    const workSeconds = (performance.now() - workStarted) / 1000;
    if (firstError) process.stdout.write(`[${runtime}] first error: ${firstError}\n`);
    const doubleClaims = Number(
      (await client.query<{ n: string }>("SELECT count(*) AS n FROM (SELECT entity_id FROM audit_events WHERE action = 'alert.claimed' GROUP BY entity_id HAVING count(*) > 1) AS twice")).rows[0].n,
    );

    const dueBefore = new Date(Date.now() + 6 * 3_600_000).toISOString();
    const filters = [
      'status=OPEN&limit=50',
      'status=OPEN&type=VELOCITY&limit=50',
      'status=OPEN&priority=HIGH&limit=50',
      'status=OPEN&ruleId=R07&limit=100',
      `status=OPEN&dueBefore=${encodeURIComponent(dueBefore)}&limit=50`,
      `status=CLOSED&assignee=${usernames[0]}&limit=50`,
      'type=MONITORING&priority=CRITICAL&limit=200',
    ];
    process.stdout.write(`[${runtime}] ${officerCount} clients paging GET /v1/alerts with ${filters.length} filter sets for ${duration} s\n`);
    const perFilter = new Map<string, Latencies>(filters.map((filter) => [filter, { samples: [] }]));
    const all: Latencies = { samples: [] };
    let listErrors = 0;
    const listStarted = performance.now();
    const listDeadline = Date.now() + duration * 1000;
    await Promise.all(
      tokens.map(async (token, index) => {
        let round = index;
        while (Date.now() < listDeadline) {
          const filter = filters[round % filters.length];
          round += 1;
          // first page, then the next page through the cursor: keyset paging is part of what is measured
          let cursor: string | null = null;
          for (let page = 0; page < 2; page += 1) {
            const query: string = cursor ? `${filter}&cursor=${cursor}` : filter;
            const started = performance.now();
            const response = await fetch(`${base}/v1/alerts?${query}`, { headers: headersOf(token) });
            const body = (await response.json()) as { nextCursor?: string | null };
            const elapsed = performance.now() - started;
            all.samples.push(elapsed);
            perFilter.get(filter)!.samples.push(elapsed);
            if (!response.ok) {
              listErrors += 1;
              firstError ??= `list ${response.status}: ${JSON.stringify(body)}`;
              break;
            }
            cursor = body.nextCursor ?? null;
            if (!cursor) break;
          }
        }
      }),
    );
    const listSeconds = (performance.now() - listStarted) / 1000;
    if (firstError) process.stdout.write(`[${runtime}] first error: ${firstError}\n`);
    return {
      runtime,
      cycles,
      cyclesPerSecond: Math.round(cycles / workSeconds),
      nextP50: quantile(next.samples, 0.5),
      nextP99: quantile(next.samples, 0.99),
      dispositionP50: quantile(disposition.samples, 0.5),
      dispositionP99: quantile(disposition.samples, 0.99),
      errors,
      doubleClaims,
      listRequests: all.samples.length,
      listPerSecond: Math.round(all.samples.length / listSeconds),
      listP50: quantile(all.samples, 0.5),
      listP99: quantile(all.samples, 0.99),
      listErrors,
      perFilter: filters.map((filter) => ({ filter: filter.replace(encodeURIComponent(dueBefore), '<now+6h>'), p50: quantile(perFilter.get(filter)!.samples, 0.5), p99: quantile(perFilter.get(filter)!.samples, 0.99) })),
    };
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolvePromise) => server.once('exit', resolvePromise));
    await client.end();
    const cleanup = new pg.Client({ connectionString: values.postgres });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await cleanup.end();
    if (runtime === 'postgres-redis') await clearRedisPrefix(values.redis, env.QUEUE_PREFIX!);
  }
}

const loadBefore = loadavg()[0].toFixed(1);
const results: Figures[] = [];
for (const runtime of values.runtimes.split(',')) results.push(await benchRuntime(runtime.trim()));

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}`;
const lines = [
  '',
  `### Alert queues, ${new Date().toISOString()}`,
  '',
  `Machine: ${machine}; clients on the same machine. ${alertCount.toLocaleString('en')} open alerts (non-sanctions, 4 types, 4 priorities, 10 rules) inserted with SQL; server with worker; ${officerCount} concurrent officers (ANALYST) for ${duration} s each phase. Every request is authenticated (session lookup) and audited (hash-chained audit event). 1-minute load average before the run: ${loadBefore} (the machine is shared).`,
  '',
  '| runtime | next + disposition cycles/s | cycles | next p50 / p99 ms | disposition p50 / p99 ms | errors | alerts claimed twice | GET /v1/alerts req/s | GET p50 ms | GET p99 ms | GET errors |',
  '|---|---|---|---|---|---|---|---|---|---|---|',
  ...results.map((r) => `| ${r.runtime} | ${r.cyclesPerSecond} | ${r.cycles} | ${r.nextP50} / ${r.nextP99} | ${r.dispositionP50} / ${r.dispositionP99} | ${r.errors} | ${r.doubleClaims} | ${r.listPerSecond} | ${r.listP50} | ${r.listP99} | ${r.listErrors} |`),
  '',
  ...results.flatMap((r) => [
    `GET /v1/alerts per filter (${r.runtime}; first page and the page after through \`nextCursor\`):`,
    '',
    '| filter | p50 ms | p99 ms |',
    '|---|---|---|',
    ...r.perFilter.map((f) => `| \`${f.filter}\` | ${f.p50} | ${f.p99} |`),
    '',
  ]),
];
process.stdout.write(`${lines.join('\n')}\n`);
const out = resolve(root, values.out);
if (!existsSync(out)) writeFileSync(out, '# Benchmarks\n\nFigures appended by the benchmark commands (`npm run bench:*`), newest last.\n');
appendFileSync(out, lines.join('\n'));
