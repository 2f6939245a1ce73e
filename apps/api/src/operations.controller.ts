import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, Header, HttpCode, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import type { Queue } from 'bullmq';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public, Roles } from '@app/access';
import { QUEUES } from '@app/queue';
import { ScreeningIndex } from '@app/screening';
import { Metrics } from './metrics.js';

@ApiTags('operations')
@Controller()
export class OperationsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly index: ScreeningIndex,
    private readonly metrics: Metrics,
    @InjectQueue(QUEUES.followUp) private readonly followUpQueue: Queue,
    @InjectQueue(QUEUES.lists) private readonly listsQueue: Queue,
    @InjectQueue(QUEUES.maintenance) private readonly maintenanceQueue: Queue,
  ) {}

  /** Liveness: the process answers. No data. */
  @Get('health/live')
  @Public()
  @HttpCode(200)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: database, queue backend and sanctions index. No data beyond their state. */
  @Get('health/ready')
  @Public()
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<{ status: string; checks: Record<string, string> }> {
    const checks: Record<string, string> = {};
    await this.dataSource.query('SELECT 1').then(
      () => (checks.database = 'ok'),
      (error: Error) => (checks.database = `down: ${error.message}`),
    );
    await withTimeout(this.followUpQueue.getJobCounts('waiting'), 2_000).then(
      () => (checks.queue = 'ok'),
      (error: Error) => (checks.queue = `down: ${error.message}`),
    );
    checks.sanctionsIndex = this.index.ready ? 'ok' : 'not loaded';
    const ok = Object.values(checks).every((value) => value === 'ok');
    void reply.status(ok ? 200 : 503);
    return { status: ok ? 'ready' : 'not ready', checks };
  }

  @Get('metrics')
  @Roles('admin')
  @Header('content-type', 'text/plain; version=0.0.4')
  @ApiExcludeEndpoint()
  async prometheus(): Promise<string> {
    for (const queue of [this.followUpQueue, this.listsQueue, this.maintenanceQueue]) {
      const counts = await withTimeout(queue.getJobCounts('waiting', 'active', 'delayed', 'failed'), 2_000).catch(() => ({}));
      for (const [state, count] of Object.entries(counts)) this.metrics.queueDepth.set({ queue: queue.name, state }, count);
    }
    const generation = this.index.current;
    this.metrics.indexEntries.set(generation?.index.entryCount ?? 0);
    this.metrics.indexBuildSeconds.set((generation?.buildMs ?? 0) / 1000);
    return this.metrics.registry.metrics();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref())]);
}
