import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/common';
import { RUNTIME, type Runtime } from '@app/persistence';
import { RuleConfigurationStore, RulesModule } from '@app/rules';
import { ScreeningIndex, ScreeningModule, ScreeningSearchUseCase } from '@app/screening';
import { DecisionWriter } from './decision-writer.js';
import { OutcomeUseCase } from './outcome.use-case.js';
import { PreAuthUseCase, type PreAuthObserver } from './pre-auth.use-case.js';
import { RedisVelocityStore } from './velocity-store.js';

/** Provided by the app: metrics and the follow-up producer. */
export const PRE_AUTH_OBSERVER = Symbol('PRE_AUTH_OBSERVER');
/** The Redis velocity store, or null when there is no Redis (windows then come from PostgreSQL). */
export const VELOCITY_STORE = Symbol('VELOCITY_STORE');

@Module({
  imports: [RulesModule, ScreeningModule],
  providers: [
    {
      provide: DecisionWriter,
      useFactory: (dataSource: DataSource, config: AppConfig) =>
        new DecisionWriter(dataSource, { windowMs: config.preAuthBatchWindowMs, maxBatch: config.preAuthBatchMaxSize, maxInFlight: config.preAuthMaxInFlight }),
      inject: [DataSource, APP_CONFIG],
    },
    {
      provide: VELOCITY_STORE,
      useFactory: (runtime: Runtime, config: AppConfig) => (runtime.redisUrl ? new RedisVelocityStore(runtime.redisUrl, config.queuePrefix) : null),
      inject: [RUNTIME, APP_CONFIG],
    },
    {
      provide: PreAuthUseCase,
      useFactory: (
        dataSource: DataSource,
        rules: RuleConfigurationStore,
        index: ScreeningIndex,
        writer: DecisionWriter,
        observer: PreAuthObserver,
        velocity: RedisVelocityStore | null,
        config: AppConfig,
        runtime: Runtime,
      ) =>
        new PreAuthUseCase(dataSource, rules, index, writer, observer, velocity, {
          batchWindowMs: config.preAuthBatchWindowMs === 0 ? 0 : 1,
          maxBatch: config.preAuthBatchMaxSize,
          maxInFlight: config.preAuthMaxInFlight,
          preparedStatements: runtime.kind !== 'embedded',
        }),
      inject: [DataSource, RuleConfigurationStore, ScreeningIndex, DecisionWriter, PRE_AUTH_OBSERVER, VELOCITY_STORE, APP_CONFIG, RUNTIME],
    },
    { provide: OutcomeUseCase, useFactory: (dataSource: DataSource) => new OutcomeUseCase(dataSource), inject: [DataSource] },
    {
      provide: ScreeningSearchUseCase,
      useFactory: (index: ScreeningIndex, rules: RuleConfigurationStore) => new ScreeningSearchUseCase(index, () => rules.current.ruleSet.definition.screening),
      inject: [ScreeningIndex, RuleConfigurationStore],
    },
  ],
  exports: [PreAuthUseCase, OutcomeUseCase, ScreeningSearchUseCase, VELOCITY_STORE, RulesModule, ScreeningModule],
})
export class DecisionsModule implements OnApplicationShutdown {
  constructor(@Inject(VELOCITY_STORE) private readonly velocity: RedisVelocityStore | null) {}

  async onApplicationShutdown(): Promise<void> {
    await this.velocity?.close();
  }
}
