import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/common';
import { RuleConfigurationStore, RulesModule } from '@app/rules';
import { ScreeningIndex, ScreeningModule } from '@app/screening';
import { DecisionWriter } from './decision-writer.js';
import { OutcomeUseCase } from './outcome.use-case.js';
import { PreAuthUseCase, type PreAuthObserver } from './pre-auth.use-case.js';

/** Provided by the app: metrics and the follow-up producer. */
export const PRE_AUTH_OBSERVER = Symbol('PRE_AUTH_OBSERVER');

@Module({
  imports: [RulesModule, ScreeningModule],
  providers: [
    {
      provide: DecisionWriter,
      useFactory: (dataSource: DataSource, config: AppConfig) =>
        new DecisionWriter(dataSource, { windowMs: config.preAuthBatchWindowMs, maxBatch: config.preAuthBatchMaxSize }),
      inject: [DataSource, APP_CONFIG],
    },
    {
      provide: PreAuthUseCase,
      useFactory: (dataSource: DataSource, rules: RuleConfigurationStore, index: ScreeningIndex, writer: DecisionWriter, observer: PreAuthObserver) =>
        new PreAuthUseCase(dataSource, rules, index, writer, observer),
      inject: [DataSource, RuleConfigurationStore, ScreeningIndex, DecisionWriter, PRE_AUTH_OBSERVER],
    },
    { provide: OutcomeUseCase, useFactory: (dataSource: DataSource) => new OutcomeUseCase(dataSource), inject: [DataSource] },
  ],
  exports: [PreAuthUseCase, OutcomeUseCase, RulesModule, ScreeningModule],
})
export class DecisionsModule {}
