import 'reflect-metadata';
import { loadConfig } from '@app/common';
import { startRuntime } from '@app/persistence';
import { WorkerModule } from '../../worker/src/worker.module.js';
import { createApiApp } from './bootstrap.js';

/**
 * `node main.js` runs the HTTP api; `--with-worker` also runs the BullMQ processors in the same process
 * (what `npm start` does on a fresh machine with the embedded database).
 */
const withWorker = process.argv.includes('--with-worker');
const config = loadConfig();
const runtime = await startRuntime(config);
const app = await createApiApp(config, runtime, withWorker ? [WorkerModule.forRoot(config)] : []);
await app.listen({ port: config.port, host: config.host });
const address = app.getHttpServer().address();
const port = typeof address === 'object' && address ? address.port : config.port;
process.stdout.write(
  `${JSON.stringify({ level: 30, time: new Date().toISOString(), msg: `listening on port ${port} (${runtime.kind} runtime${withWorker ? ', with worker' : ''})` })}\n`,
);

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    void app
      .close()
      .then(() => runtime.close())
      .finally(() => process.exit(0));
  });
}
