import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ApiKeyService } from './api-keys.js';
import { AuthGuard } from './auth.guard.js';
import { OfficersModule } from './officers/officers.module.js';

@Module({
  imports: [OfficersModule],
  providers: [
    { provide: ApiKeyService, useFactory: (dataSource: DataSource) => new ApiKeyService(dataSource), inject: [DataSource] },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [ApiKeyService, OfficersModule],
})
export class AccessModule {}
