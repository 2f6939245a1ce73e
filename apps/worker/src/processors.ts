import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { OUTBOX_SWEEP_JOB, RESCREEN_JOB, RescreenUseCase, rescreenJobId, sweepOutbox, type RescreenPayload } from '@app/alerts';
import { APP_CONFIG, type AppConfig } from '@app/common';
import { QUEUES, RecordedProcessor, WORKER_OPTIONS } from '@app/queue';
import { RuleConfigurationStore } from '@app/rules';
import { refreshList, REFRESH_LIST_JOB, type RefreshListPayload } from '@app/screening';

/** Enqueues the rescreen of one snapshot (deterministic job id: one run per snapshot). */
export async function enqueueRescreen(lists: Queue, snapshotId: string): Promise<void> {
  const payload: RescreenPayload = { snapshotId };
  await lists.add(RESCREEN_JOB, payload, { jobId: rescreenJobId(snapshotId) });
}

@Processor(QUEUES.lists, { ...WORKER_OPTIONS, concurrency: 1 })
export class ListsProcessor extends RecordedProcessor {
  protected readonly handlers = {
    [REFRESH_LIST_JOB]: async (job: Job) => {
      const result = await refreshList(this.dataSource, this.config.sanctionsDataDir, job.data as RefreshListPayload);
      if (result.status === 'ACTIVATED') await enqueueRescreen(this.lists, result.snapshotId);
      return { status: result.status, snapshotId: result.snapshotId, entries: result.entries, added: result.delta.added.length, removed: result.delta.removed.length, changed: result.delta.changed.length };
    },
    [RESCREEN_JOB]: async (job: Job) => {
      await this.rules.refresh();
      const rescreen = new RescreenUseCase(this.dataSource, () => this.rules.current.ruleSet.definition.screening);
      const result = await rescreen.run((job.data as RescreenPayload).snapshotId, (progress) => job.updateProgress({ ...progress }));
      return { partiesScreened: result.partiesScreened, hits: result.hits, alertsRaised: result.alertsRaised };
    },
  };

  constructor(
    dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RuleConfigurationStore) private readonly rules: RuleConfigurationStore,
    @InjectQueue(QUEUES.lists) private readonly lists: Queue,
  ) {
    super(dataSource);
  }
}

@Processor(QUEUES.maintenance, { ...WORKER_OPTIONS, concurrency: 1 })
export class MaintenanceProcessor extends RecordedProcessor {
  protected readonly handlers = {
    [OUTBOX_SWEEP_JOB]: () => sweepOutbox(this.dataSource, { followUp: this.followUp }, { 'list.rescreen': (snapshotId) => enqueueRescreen(this.lists, snapshotId) }),
  };

  constructor(
    dataSource: DataSource,
    @InjectQueue(QUEUES.followUp) private readonly followUp: Queue,
    @InjectQueue(QUEUES.lists) private readonly lists: Queue,
  ) {
    super(dataSource);
  }
}
