import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ImportListUseCase } from './import-list.use-case.js';
import { ListSnapshotRepository } from './list-snapshot.repository.js';
import { ScreeningIndex } from './screening-index.js';

@Module({
  providers: [
    { provide: ListSnapshotRepository, useFactory: (dataSource: DataSource) => new ListSnapshotRepository(dataSource), inject: [DataSource] },
    { provide: ImportListUseCase, useFactory: (dataSource: DataSource) => new ImportListUseCase(dataSource), inject: [DataSource] },
    { provide: ScreeningIndex, useFactory: (dataSource: DataSource) => new ScreeningIndex(dataSource), inject: [DataSource] },
  ],
  exports: [ListSnapshotRepository, ImportListUseCase, ScreeningIndex],
})
export class ScreeningModule {}
