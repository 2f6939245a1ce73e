import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { OUTBOX_SWEEP_JOB, sweepOutbox } from '@app/alerts';
import { APP_CONFIG, type AppConfig } from '@app/common';
import { QUEUES, RecordedProcessor, WORKER_OPTIONS } from '@app/queue';
import { refreshList, REFRESH_LIST_JOB, type RefreshListPayload } from '@app/screening';

@Processor(QUEUES.lists, { ...WORKER_OPTIONS, concurrency: 1 })
export class ListsProcessor extends RecordedProcessor {
  protected readonly handlers = {
    [REFRESH_LIST_JOB]: async (job: Job) => {
      const result = await refreshList(this.dataSource, this.config.sanctionsDataDir, job.data as RefreshListPayload);
      return { status: result.status, snapshotId: result.snapshotId, entries: result.entries, added: result.delta.added.length, removed: result.delta.removed.length, changed: result.delta.changed.length };
    },
  };

  constructor(dataSource: DataSource, @Inject(APP_CONFIG) private readonly config: AppConfig) {
    super(dataSource);
  }
}

@Processor(QUEUES.maintenance, { ...WORKER_OPTIONS, concurrency: 1 })
export class MaintenanceProcessor extends RecordedProcessor {
  protected readonly handlers = {
    [OUTBOX_SWEEP_JOB]: () => sweepOutbox(this.dataSource, { followUp: this.followUp }),
  };

  constructor(dataSource: DataSource, @InjectQueue(QUEUES.followUp) private readonly followUp: Queue) {
    super(dataSource);
  }
}
