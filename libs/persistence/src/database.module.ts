import { type DynamicModule, Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLog } from './audit-log.js';
import { createDataSource, runMigrations } from './data-source.js';
import type { Runtime } from './runtime.js';

export const RUNTIME = Symbol('RUNTIME');

/** The one DataSource of a process, migrated before anything uses it. */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  static forRoot(runtime: Runtime, options: { poolSize?: number } = {}): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: RUNTIME, useValue: runtime },
        {
          provide: DataSource,
          useFactory: async (): Promise<DataSource> => {
            const dataSource = createDataSource(runtime.databaseUrl, { poolSize: options.poolSize });
            await dataSource.initialize();
            const applied = await runMigrations(dataSource);
            if (applied.length) new Logger('Database').log(`Applied migrations: ${applied.join(', ')}`);
            return dataSource;
          },
        },
        { provide: AuditLog, useFactory: (dataSource: DataSource) => new AuditLog(dataSource), inject: [DataSource] },
      ],
      exports: [RUNTIME, DataSource, AuditLog],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
