import { getQueueToken } from '@nestjs/bullmq';
import { DataSource } from 'typeorm';
import { type DynamicModule, Global, Inject, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AccessModule } from '@app/access';
import { enqueueDecisionFollowUp, RescreenUseCase } from '@app/alerts';
import { APP_CONFIG, SYSTEM_ACTOR, type AppConfig } from '@app/common';
import { DecisionsModule, PRE_AUTH_OBSERVER, type PreAuthObserver } from '@app/decisions';
import { DatabaseModule, type Runtime } from '@app/persistence';
import { QUEUES, QueueModule } from '@app/queue';
import { RuleConfigurationStore } from '@app/rules';
import { loadDemoListsIfEmpty, ScreeningIndex } from '@app/screening';
import { AlertsController } from './alerts.controller.js';
import { AuditController } from './audit.controller.js';
import { AuthController } from './auth.controller.js';
import { CaseFilesController } from './case-files.controller.js';
import { CasesController } from './cases.controller.js';
import { DecisionsController } from './decisions.controller.js';
import { GatewayController } from './gateway.controller.js';
import { HoldsController } from './holds.controller.js';
import { InsightsController } from './insights.controller.js';
import { ListsController } from './lists.controller.js';
import { Metrics } from './metrics.js';
import { OperationsController } from './operations.controller.js';
import { ReportSchedulesController } from './report-schedules.controller.js';
import { ReportsController } from './reports.controller.js';
import { RulesController } from './rules.controller.js';
import { ScreeningController } from './screening.controller.js';

@Global()
@Module({})
class ObservabilityModule {
  static forRoot(): DynamicModule {
    return {
      module: ObservabilityModule,
      providers: [
        Metrics,
        {
          provide: PRE_AUTH_OBSERVER,
          useFactory: (metrics: Metrics, followUp: Queue): PreAuthObserver => ({
            decided(outcome, seconds) {
              metrics.decisions.inc({ outcome });
              metrics.preAuthLatency.observe(seconds);
            },
            followUp: (transactionId) => enqueueDecisionFollowUp(followUp, transactionId),
          }),
          inject: [Metrics, getQueueToken(QUEUES.followUp)],
        },
      ],
      exports: [Metrics, PRE_AUTH_OBSERVER],
    };
  }
}

/** The HTTP process: the gateway API and the officers' API over the shared libs. */
@Module({})
export class ApiModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(ScreeningIndex) private readonly index: ScreeningIndex,
    @Inject(RuleConfigurationStore) private readonly rules: RuleConfigurationStore,
    @Inject(Metrics) private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  static forRoot(config: AppConfig, runtime: Runtime, extraImports: DynamicModule[] = []): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        { module: ConfigHolder, global: true, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] },
        DatabaseModule.forRoot(runtime),
        QueueModule.forRoot(runtime, config),
        ObservabilityModule.forRoot(),
        AccessModule,
        DecisionsModule,
        ...extraImports,
      ],
      providers: [
        {
          provide: RescreenUseCase,
          useFactory: (dataSource: DataSource, rules: RuleConfigurationStore) => new RescreenUseCase(dataSource, () => rules.current.ruleSet.definition.screening),
          inject: [DataSource, RuleConfigurationStore],
        },
      ],
      controllers: [AlertsController, AuthController, AuditController, CaseFilesController, CasesController, DecisionsController, GatewayController, HoldsController, InsightsController, ListsController, OperationsController, ReportSchedulesController, ReportsController, RulesController, ScreeningController],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.loadDemoLists) {
      const loaded = await loadDemoListsIfEmpty(this.dataSource, this.config.sanctionsDataDir, SYSTEM_ACTOR);
      if (loaded.length) new Logger('Lists').log(`First start: loaded the fictional demo lists ${loaded.map((result) => result.list).join(', ')}`);
    }
    await this.rules.refresh();
    this.rules.start();
    await this.index.refresh();
    this.index.start();
    const generation = this.index.current;
    if (generation) this.metrics.indexBuildSeconds.set(generation.buildMs / 1000);
  }

  onApplicationShutdown(): void {
    this.index.stop();
    this.rules.stop();
  }
}

@Module({})
class ConfigHolder {}
