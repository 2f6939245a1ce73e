/**
 * npm run bench:reports [-- --payments 1000000 --runtime postgres|embedded --postgres postgres://postgres@127.0.0.1:5432/postgres]
 *
 * Creates a scratch database with the real migrations, inserts `--payments` settled payments for one Beijing day
 * with SQL generate_series (200,000 payers, 5,000 merchants, CNY ~216 a payment; 0.25 % of the payers pay USD 2,500
 * five times, over the LTR threshold), then times the LTR generation for that day (the same use case the worker
 * and the CLI run). Then builds a case holding 5,000 of those payments (one alert with 4,999 occurrences, each
 * payment with its decision) and times its case-file export, PDF and JSON (ExportCaseFileUseCase, the route's code
 * path). Prints the figures and appends them to docs/benchmarks.md. The database is dropped afterwards.
 */
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { SYSTEM_ACTOR } from '../libs/common/src/index.js';
import { createDataSource, runMigrations, startEmbeddedPostgres } from '../libs/persistence/src/index.js';
import { CasesUseCase } from '../libs/alerts/src/index.js';
import { ExportCaseFileUseCase, type CaseFileFormat } from '../libs/reports/src/index.js';
import { GenerateReportUseCase } from '../libs/reports/src/index.js';

const { values } = parseArgs({
  options: {
    payments: { type: 'string', default: '1000000' },
    runtime: { type: 'string', default: 'postgres' },
    postgres: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    out: { type: 'string', default: 'docs/benchmarks.md' },
  },
});
const root = resolve(import.meta.dirname, '../..');
const count = Number(values.payments);
const day = '2026-11-20';
const database = `cpg_bench_reports_${process.pid}`;

function urlOf(name: string): string {
  const url = new URL(values.postgres);
  url.pathname = `/${name}`;
  return url.toString();
}

const embedded = values.runtime === 'embedded';
const folder = embedded ? mkdtempSync(join(tmpdir(), 'cpg-bench-reports-')) : '';
const server = embedded ? await startEmbeddedPostgres(folder, { maxConnections: 8 }) : null;
const admin = embedded ? null : new pg.Client({ connectionString: values.postgres });
if (admin) {
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
}
const dataSource = createDataSource(server ? server.url : urlOf(database), { poolSize: 4 });
try {
  await dataSource.initialize();
  await runMigrations(dataSource);
  const insertStarted = performance.now();
  const heavyPayers = 500;
  // heavy payers: ids 0..499, five USD 2,500 payments each; everybody else CNY 100–332 in one payment
  await dataSource.query(
    `INSERT INTO payments (transaction_id, request_hash, occurred_at, payer_key, merchant_id, amount_value, amount_currency, payer_amount_value, payer_amount_currency,
                           amount_usd_cents, amount_cny_fen, qr_type, payer, merchant, decision, status)
     SELECT 'BENCH-' || i, 'h', ($1::date - interval '8 hours') + make_interval(secs => (i % 86400)),
            'KAKAOPAY:p' || (i % 200000), 'M-' || (i % 5000),
            CASE WHEN i % 200000 < $3 THEN 18000 ELSE 100 + (i % 233) END, 'CNY',
            CASE WHEN i % 200000 < $3 THEN 2500 ELSE round((100 + (i % 233)) / 7.2, 2) END, 'USD',
            CASE WHEN i % 200000 < $3 THEN 250000 ELSE round((100 + (i % 233)) / 7.2 * 100) END,
            CASE WHEN i % 200000 < $3 THEN 1800000 ELSE (100 + (i % 233)) * 100 END,
            'DYNAMIC',
            jsonb_build_object('walletProvider', 'KAKAOPAY', 'walletAccountId', 'p' || (i % 200000), 'name', 'BENCH PAYER ' || (i % 200000), 'nationality', 'KR', 'kycLevel', 'T2',
                               'idDocument', jsonb_build_object('type', 'PASSPORT', 'number', 'M' || (i % 200000), 'country', 'KR')),
            jsonb_build_object('id', 'M-' || (i % 5000), 'name', 'Bench Merchant ' || (i % 5000), 'mcc', '5812', 'city', 'Shanghai', 'country', 'CN'),
            'APPROVE', 'SETTLED'
     FROM generate_series(0, $2 - 1) AS i`,
    [day, count, heavyPayers],
  );
  await dataSource.query('ANALYZE payments');
  const insertSeconds = (performance.now() - insertStarted) / 1000;

  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const result = await new GenerateReportUseCase(dataSource).execute({
    type: 'LTR',
    period: day,
    actor: SYSTEM_ACTOR,
    now: new Date(),
  });
  const seconds = (performance.now() - started) / 1000;
  const rssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
  const content = result.report.content as { entries: unknown[]; settledPayments: number };
  const inputs: Array<{ n: number }> = await dataSource.query(
    'SELECT count(*)::int AS n FROM report_inputs WHERE report_id = $1',
    [result.report.id],
  );
  const line = `| ${count.toLocaleString('en')} | ${insertSeconds.toFixed(1)} | ${seconds.toFixed(2)} | ${content.settledPayments.toLocaleString('en')} | ${content.entries.length} | ${inputs[0].n} | ${Math.round(rssBefore / 1024 / 1024)} → ${rssMb} |`;
  process.stdout.write(
    `LTR over ${count} settled payments of ${day}: ${seconds.toFixed(2)} s, ${content.entries.length} reported subjects, ${inputs[0].n} input payments, RSS ${rssMb} MB\n`,
  );
  appendFileSync(
    resolve(root, values.out),
    `\n### LTR generation, ${new Date().toISOString()}\n\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}; ${embedded ? 'embedded PostgreSQL (PGlite)' : 'PostgreSQL (local)'}; one Beijing day of settled payments inserted with generate_series (200,000 payers, 5,000 merchants, ${500} payers over the USD 10,000 threshold); GenerateReportUseCase (the worker's and CLI's code path), from the SQL narrowing to the stored report.\n\n` +
      '| settled payments | insert s | LTR generation s | settled counted | reported subjects | input payments | process RSS MB |\n|---|---|---|---|---|---|---|\n' +
      `${line}\n`,
  );
  await benchCaseFile(Math.min(5000, count));
} finally {
  if (dataSource.isInitialized) await dataSource.destroy();
  if (admin) {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
  if (server) {
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

/** A case holding `size` of the benchmark's payments, exported as PDF and JSON: time, size and RSS of each. */
async function benchCaseFile(size: number): Promise<void> {
  await dataSource.query(
    `INSERT INTO decisions (transaction_id, outcome, risk_score, tier, reasons, actions, screening, alert_raised, rule_set_version, fx_version,
                            list_snapshot_ids, inputs, response, content_hash, decided_at, actor)
     SELECT 'BENCH-' || i, 'APPROVE', 10, 'T2', jsonb_build_array(jsonb_build_object('code', 'FAN_OUT', 'ruleId', 'R09', 'message', 'fan-out')),
            '[]', '{"listSnapshots": [], "hits": []}', true, (SELECT min(version) FROM rule_sets), (SELECT min(version) FROM fx_tables),
            '{}', '{}', '{}', md5(i::text), $1::date - interval '8 hours', 'bench'
     FROM generate_series(0, $2 - 1) AS i`,
    [day, size],
  );
  const alert: Array<{ id: string }> = await dataSource.query(
    `INSERT INTO alerts (dedup_key, type, priority, rule_id, party_key, merchant_id, risk_score, evidence, occurrences, source, sla_due_at)
     VALUES ('bench-case', 'VELOCITY', 'HIGH', 'R09', 'KAKAOPAY:p0', 'M-0', 60, jsonb_build_object('transactionId', 'BENCH-0'), $1, 'bench', now())
     RETURNING id`,
    [size],
  );
  await dataSource.query(
    "INSERT INTO alert_occurrences (alert_id, ref) SELECT $1, 'BENCH-' || i FROM generate_series(1, $2 - 1) AS i",
    [alert[0].id, size],
  );
  const opened: Array<{ id: string }> = await dataSource.query(
    "INSERT INTO cases (title, created_by, created_by_id) VALUES ('bench: 5,000 payments', 'bench', 'bench') RETURNING id",
  );
  await dataSource.query("INSERT INTO case_alerts (case_id, alert_id, added_by) VALUES ($1, $2, 'bench')", [
    opened[0].id,
    alert[0].id,
  ]);
  const cases = new CasesUseCase(dataSource);
  const exporter = new ExportCaseFileUseCase(dataSource, (caseId, actor) => cases.detail(caseId, actor));
  const rows: string[] = [];
  for (const format of ['pdf', 'json'] as CaseFileFormat[]) {
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const file = await exporter.execute({
      caseId: opened[0].id,
      format,
      actor: SYSTEM_ACTOR,
      now: new Date(),
    });
    const seconds = (performance.now() - started) / 1000;
    const rssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
    rows.push(
      `| ${format} | ${size.toLocaleString('en')} | ${seconds.toFixed(2)} | ${(file.content.length / 1024 / 1024).toFixed(2)} | ${Math.round(rssBefore / 1024 / 1024)} → ${rssMb} |`,
    );
    process.stdout.write(
      `Case file (${format}) of a case with ${size} payments: ${seconds.toFixed(2)} s, ${file.content.length} bytes, RSS ${rssMb} MB\n`,
    );
  }
  appendFileSync(
    resolve(root, values.out),
    `\n### Case-file export, ${new Date().toISOString()}\n\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}; ${embedded ? 'embedded PostgreSQL (PGlite)' : 'PostgreSQL (local)'}; one case with one alert over ${size.toLocaleString('en')} payments (each with its decision); ExportCaseFileUseCase (GET /v1/cases/{id}/export's code path): case detail read, audit extract, layout, SHA-256 manifest audited.\n\n` +
      '| format | payments | export s | file MB | process RSS MB |\n|---|---|---|---|---|\n' +
      `${rows.join('\n')}\n`,
  );
}
