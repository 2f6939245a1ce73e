import { InjectQueue } from '@nestjs/bullmq';
import { type DynamicModule, Inject, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { FollowUpProcessor, OUTBOX_SWEEP_JOB, scheduleMonitoring, SLA_CHECK_JOB, SLA_EVERY_MS, SLA_SCHEDULER_ID } from '@app/alerts';
import { APP_CONFIG, type AppConfig } from '@app/common';
import { scheduleHoldsExpiry } from '@app/decisions';
import { QUEUES } from '@app/queue';
import { scheduleReports } from '@app/reports';
import { RulesModule } from '@app/rules';
import { scheduleListRefreshes } from '@app/screening';
import { HoldsProcessor } from './holds.processor.js';
import { MonitoringProcessor } from './monitoring.processor.js';
import { ListsProcessor, MaintenanceProcessor } from './processors.js';
import { ReportsProcessor } from './reports.processor.js';

/** BullMQ processors and job schedulers. Imported by the worker process, or by the api with --with-worker. */
@Module({})
export class WorkerModule implements OnApplicationBootstrap {
  private readonly logger = new Logger('Worker');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QUEUES.lists) private readonly lists: Queue,
    @InjectQueue(QUEUES.maintenance) private readonly maintenance: Queue,
    @InjectQueue(QUEUES.webhooks) private readonly webhooks: Queue,
    @InjectQueue(QUEUES.monitoring) private readonly monitoring: Queue,
    @InjectQueue(QUEUES.reports) private readonly reports: Queue,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  static forRoot(_config: AppConfig): DynamicModule {
    return { module: WorkerModule, imports: [RulesModule], providers: [FollowUpProcessor, HoldsProcessor, ListsProcessor, MaintenanceProcessor, MonitoringProcessor, ReportsProcessor] };
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.maintenance.upsertJobScheduler('outbox-sweep', { every: 30_000 }, { name: OUTBOX_SWEEP_JOB, data: {} });
    await this.monitoring.upsertJobScheduler(SLA_SCHEDULER_ID, { every: SLA_EVERY_MS }, { name: SLA_CHECK_JOB, data: {} });
    await scheduleMonitoring(this.monitoring);
    await scheduleHoldsExpiry(this.webhooks);
    const scheduled = await scheduleListRefreshes(this.lists, this.config.sanctionsDataDir);
    const reports = await scheduleReports(this.reports, this.dataSource);
    this.logger.log(`job schedulers in place: outbox sweep, ${scheduled} list refreshes, ${reports} report schedules`);
  }
}
