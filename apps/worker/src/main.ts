import 'reflect-metadata';
import { type DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { APP_CONFIG, loadConfig, type AppConfig } from '@app/common';
import { DatabaseModule, startRuntime, type Runtime } from '@app/persistence';
import { QueueModule } from '@app/queue';
import { createLogger, PinoNestLogger } from '../../api/src/logger.js';
import { WorkerModule } from './worker.module.js';

@Module({})
class WorkerRootModule {
  static forRoot(config: AppConfig, runtime: Runtime): DynamicModule {
    return {
      module: WorkerRootModule,
      imports: [
        { module: ConfigHolder, global: true, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] },
        DatabaseModule.forRoot(runtime, { poolSize: 10 }),
        QueueModule.forRoot(runtime, config),
        WorkerModule.forRoot(config),
      ],
    };
  }
}

@Module({})
class ConfigHolder {}

/** The worker process: BullMQ processors and job schedulers, no HTTP. */
const config = loadConfig();
if (config.runtime === 'embedded') {
  process.stderr.write('The standalone worker needs DATABASE_URL; on the embedded database run `npm start` (api and worker in one process).\n');
  process.exit(2);
}
const runtime = await startRuntime(config);
const app = await NestFactory.createApplicationContext(WorkerRootModule.forRoot(config, runtime), {
  logger: new PinoNestLogger(createLogger(config.logLevel)),
});
await app.init();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void app.close().finally(() => process.exit(0));
  });
}
