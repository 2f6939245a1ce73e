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
  keepExtendedQueriesTogether(server);
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
      rmSync(socketDirectory, { recursive: true, force: true });
    },
  };
}

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
  onData: (data: Uint8Array) => void;
}

interface QueryQueue {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  db: PGlite;
  processQueue(): Promise<void>;
  clearTransactionIfNeeded(handlerId: number): Promise<void>;
}

/** Extended-protocol messages that open a sequence lasting until Sync: Parse, Bind, Describe, Execute, Close, Flush. */
const EXTENDED = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]);
const SYNC = 0x53;
const SIMPLE_QUERY = 0x51;

/**
 * pglite-socket 0.2.17 runs one protocol message at a time from any connection, keeping a connection's turn only
 * inside an explicit transaction. node-postgres sends Parse/Bind/Execute/Sync as separate messages, so two
 * connections interleave and one's unnamed prepared statement replaces the other's ("unnamed prepared statement
 * does not exist"). This keeps the turn with a connection from its first extended-protocol message to its Sync.
 */
function keepExtendedQueriesTogether(server: PGLiteSocketServer): void {
  const queue = (server as unknown as { queryQueue: QueryQueue }).queryQueue;
  let inSequence = false;
  queue.processQueue = async function processQueue(this: QueryQueue): Promise<void> {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        let item: QueuedMessage | undefined;
        if ((inSequence || this.db.isInTransaction()) && this.lastHandlerId !== null) {
          const position = this.queue.findIndex((candidate) => candidate.handlerId === this.lastHandlerId);
          if (position === -1) break;
          item = this.queue.splice(position, 1)[0];
        } else {
          item = this.queue.shift();
        }
        if (!item) break;
        const current = item;
        try {
          await this.db.runExclusive(() => this.db.execProtocolRawStream(current.message, { onRawData: (data: Uint8Array) => current.onData(data) }));
        } catch (error) {
          current.reject(error);
          continue;
        }
        const type = current.message[0];
        if (type === SYNC || type === SIMPLE_QUERY) inSequence = false;
        else if (EXTENDED.has(type)) inSequence = true;
        this.lastHandlerId = current.handlerId;
        current.resolve(current.message.length);
      }
    } finally {
      this.processing = false;
    }
  };
  const clearTransaction = queue.clearTransactionIfNeeded.bind(queue);
  queue.clearTransactionIfNeeded = async (handlerId: number): Promise<void> => {
    // a connection that went away mid-sequence must not keep the turn
    if (queue.lastHandlerId === handlerId) inSequence = false;
    await clearTransaction(handlerId);
    await queue.processQueue();
  };
}
