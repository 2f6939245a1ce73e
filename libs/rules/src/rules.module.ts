import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RuleConfigurationStore } from './rule-configuration.js';

@Module({
  providers: [{ provide: RuleConfigurationStore, useFactory: (dataSource: DataSource) => new RuleConfigurationStore(dataSource), inject: [DataSource] }],
  exports: [RuleConfigurationStore],
})
export class RulesModule {}
