import 'reflect-metadata';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { ApiKeyService, OfficerService, readFirstLine } from '@app/access';
import { DomainError, loadConfig, type Actor } from '@app/common';
import { rebuildVelocityWindows, RedisVelocityStore, ReplayDecisionUseCase } from '@app/decisions';
import { createDataSource, runMigrations, startRuntime } from '@app/persistence';
import { CorrectReportsUseCase, GenerateReportUseCase, isoWeek } from '@app/reports';
import { ImportListUseCase, readListFiles } from '@app/screening';

/**
 * Operators' command line. Works whether or not the server runs: on the embedded database it connects to the
 * running server's socket, or opens the data folder itself when no server owns it.
 */
type Command = (dataSource: DataSource, args: string[], actor: Actor) => Promise<void>;

const COMMANDS: Record<string, { usage: string; run: Command }> = {
  migrate: {
    usage: 'migrate',
    run: async () => {
      process.stdout.write('migrations are up to date\n');
    },
  },
  'lists:import': {
    usage: 'lists:import --format <format> --file <path> [--alt <path>] [--add <path>] [--comments <path>] [--list <LIST_ID>]',
    run: async (dataSource, args, actor) => {
      const { values } = parseArgs({
        args,
        options: { format: { type: 'string' }, file: { type: 'string' }, alt: { type: 'string' }, add: { type: 'string' }, comments: { type: 'string' }, list: { type: 'string' } },
      });
      if (!values.format || !values.file) throw new UsageError('lists:import needs --format and --file');
      const files = await readListFiles({ file: values.file, alt: values.alt, add: values.add, comments: values.comments }, process.cwd());
      const result = await new ImportListUseCase(dataSource).execute({ format: values.format, files, list: values.list, source: values.file, actor });
      for (const warning of result.warnings.slice(0, 20)) process.stderr.write(`warning: ${warning.file} ${warning.location}: ${warning.message}\n`);
      if (result.warnings.length > 20) process.stderr.write(`… and ${result.warnings.length - 20} more warnings\n`);
      process.stdout.write(
        `${result.status === 'ACTIVATED' ? 'activated' : 'unchanged'} ${result.list} snapshot ${result.snapshotId}: ${result.entries} entries, ${result.names} names, ` +
          `hash ${result.contentHash.slice(0, 12)}, +${result.delta.added.length} -${result.delta.removed.length} ~${result.delta.changed.length}\n`,
      );
    },
  },
  'decisions:replay': {
    usage: 'decisions:replay --transaction <transactionId>   (exit 0 when the stored decision is reproduced exactly)',
    run: async (dataSource, args) => {
      const { values } = parseArgs({ args, options: { transaction: { type: 'string' } } });
      if (!values.transaction) throw new UsageError('decisions:replay needs --transaction');
      const result = await new ReplayDecisionUseCase(dataSource).execute(values.transaction);
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      if (!result.identical) process.exitCode = 1;
    },
  },
  'velocity:rebuild': {
    usage: 'velocity:rebuild   (Redis runtime: rebuilds the velocity windows from the stored payments of the last 8 days)',
    run: async (dataSource) => {
      const config = loadConfig();
      if (!config.redisUrl) {
        process.stdout.write('no REDIS_URL: velocity windows are read from PostgreSQL, nothing to rebuild\n');
        return;
      }
      const rebuilt = await rebuildVelocityWindows(dataSource, new RedisVelocityStore(config.redisUrl, config.queuePrefix));
      process.stdout.write(`rebuilt velocity windows from ${rebuilt} payments\n`);
    },
  },
  'api-keys:create': {
    usage: 'api-keys:create --name <name> --role gateway|admin',
    run: async (dataSource, args, actor) => {
      const { values } = parseArgs({ args, options: { name: { type: 'string' }, role: { type: 'string' } } });
      if (!values.name || !values.role) throw new UsageError('api-keys:create needs --name and --role');
      const created = await new ApiKeyService(dataSource).create(values.name, values.role, actor);
      process.stderr.write(`created ${values.role} API key ${created.id} for "${values.name}"; it is shown once, store it now\n`);
      process.stdout.write(`${created.key}\n`);
    },
  },
  'reports:run': {
    usage: 'reports:run --type ltr|stats|overdue-alerts|corrections [--date <YYYY-MM-DD>]   (ltr: that Beijing day; stats: its month; overdue-alerts: its ISO week)',
    run: async (dataSource, args, actor) => {
      const { values } = parseArgs({ args, options: { type: { type: 'string' }, date: { type: 'string' } } });
      const now = new Date();
      if (values.type === 'corrections') {
        const result = await new CorrectReportsUseCase(dataSource).execute({ actor, now });
        process.stdout.write(`${result.corrections.length} correction reports, ${result.redrafted.length} drafts rebuilt\n`);
        for (const report of result.corrections) process.stdout.write(`${report.id} CORRECTION ${report.period} corrects ${report.correctsReportId}\n`);
        return;
      }
      const type = ({ ltr: 'LTR', stats: 'STATS', 'overdue-alerts': 'OVERDUE_ALERTS' } as const)[values.type as 'ltr'];
      if (!type) throw new UsageError('reports:run needs --type ltr, stats, overdue-alerts or corrections');
      const today = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
      if (type === 'LTR' && !values.date) throw new UsageError('reports:run --type ltr needs --date <YYYY-MM-DD> (a Beijing day that is over)');
      const date = values.date ?? today;
      const period = type === 'LTR' ? date : type === 'STATS' ? date.slice(0, 7) : isoWeek(date);
      const result = await new GenerateReportUseCase(dataSource).execute({ type, period, actor, now });
      const entries = 'entries' in result.report.content ? result.report.content.entries.length : 'total' in result.report.content ? result.report.content.total : 0;
      process.stdout.write(`${result.created ? 'generated' : 'already there:'} ${type} ${period} report ${result.report.id} (${entries} entries, due ${result.report.dueOn ?? '-'})\n`);
    },
  },
  'users:create': {
    usage: 'users:create --username <username> --role ANALYST|SUPERVISOR|ADMIN|AUDITOR   (password: first line of standard input, at least 12 characters)',
    run: async (dataSource, args, actor) => {
      const { values } = parseArgs({ args, options: { username: { type: 'string' }, role: { type: 'string' } } });
      if (!values.username || !values.role) throw new UsageError('users:create needs --username and --role');
      if (process.stdin.isTTY) process.stderr.write('password (at least 12 characters, shown as typed; prefer piping it): ');
      const password = await readFirstLine(process.stdin);
      if (!password) throw new UsageError('users:create reads the password from standard input, and it was empty: pipe it, e.g. printf %s "$PASSWORD" | npm run cli -- users:create …');
      const officer = await new OfficerService(dataSource).create({ username: values.username, role: values.role, password }, actor);
      process.stdout.write(`created ${officer.role} officer ${officer.username} (${officer.id})\n`);
    },
  },
};

class UsageError extends Error {}

async function main(): Promise<number> {
  const [name, ...args] = process.argv.slice(2);
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(`usage: npm run cli -- <command>\n${Object.values(COMMANDS).map((entry) => `  ${entry.usage}`).join('\n')}\n`);
    return name ? 2 : 0;
  }
  const config = loadConfig();
  const runtime = await startRuntime(config, { connectToExisting: true });
  const dataSource = createDataSource(runtime.databaseUrl, { poolSize: 2, applicationName: 'cpg-cli' });
  try {
    await dataSource.initialize();
    await runMigrations(dataSource);
    const user = userInfo().username;
    await command.run(dataSource, args, { kind: 'cli', id: user, name: user, role: 'operator' });
    return Number(process.exitCode ?? 0);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\nusage: npm run cli -- ${command.usage}\n`);
      return 2;
    }
    if (error instanceof DomainError) {
      process.stderr.write(`error (${error.code}): ${error.message}\n${error.details.map((detail) => `  ${detail.path}: ${detail.message}\n`).join('')}`);
      return 1;
    }
    throw error;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await runtime.close();
  }
}

process.exitCode = await main();
