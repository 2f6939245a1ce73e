import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * The embedded runtime: PostgreSQL 18 compiled to WASM (PGlite) with its data in DATA_DIR, served on a
 * Unix socket so that TypeORM, BullMQ's PostgreSQL backend and the CLI connect to it like a server.
 * One process owns a data folder at a time (a lock file says which); others connect to its socket.
 */
export interface EmbeddedPostgres {
  /** a postgres:// URL that reaches the socket */
  readonly url: string;
  /** true when this process started the server (false when another process owns the folder) */
  readonly owned: boolean;
  stop(): Promise<void>;
}

const PORT = 5432;

/** Unix socket paths are limited to ~107 bytes, so the socket lives in a short folder derived from DATA_DIR. */
export function embeddedSocketDirectory(dataDir: string): string {
  const digest = createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
  return join(tmpdir(), `cpg-pg-${digest}`);
}

export function embeddedUrl(dataDir: string): string {
  const socketDirectory = embeddedSocketDirectory(dataDir);
  return `postgres://postgres@localhost:${PORT}/postgres?host=${encodeURIComponent(socketDirectory)}`;
}

function socketAnswers(path: string): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const socket = connect({ path });
    const done = (answer: boolean): void => {
      socket.destroy();
      resolvePromise(answer);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.setTimeout(1000, () => done(false));
  });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function startEmbeddedPostgres(
  dataDir: string,
  options: { maxConnections?: number; connectToExisting?: boolean } = {},
): Promise<EmbeddedPostgres> {
  const socketDirectory = embeddedSocketDirectory(dataDir);
  const socketPath = join(socketDirectory, `.s.PGSQL.${PORT}`);
  const url = embeddedUrl(dataDir);
  const lockPath = join(dataDir, 'owner.pid');

  if (existsSync(lockPath)) {
    const ownerPid = Number(readFileSync(lockPath, 'utf8').trim());
    if (Number.isInteger(ownerPid) && ownerPid !== process.pid && processAlive(ownerPid)) {
      if (options.connectToExisting && (await socketAnswers(socketPath))) {
        return { url, owned: false, stop: async () => undefined };
      }
      throw new Error(
        `The embedded database in ${dataDir} is owned by process ${ownerPid}; stop it or point DATA_DIR elsewhere`,
      );
    }
  }

  mkdirSync(dataDir, { recursive: true });
  mkdirSync(socketDirectory, { recursive: true, mode: 0o700 });
  writeFileSync(lockPath, String(process.pid));
  if (existsSync(socketPath)) rmSync(socketPath);

  const db = await PGlite.create({ dataDir: join(dataDir, 'pgdata') });
  // BullMQ's PostgreSQL backend expects its schema on the search path; PGlite shares one session across
  // socket connections, so it is set once here, before anyone connects.
  await db.exec('SET search_path TO public, bullmq');
  const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: options.maxConnections ?? 64 });
  await server.start();

  let stopped = false;
  return {
    url,
    owned: true,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await db.close();
      rmSync(lockPath, { force: true });
    },
  };
}
