import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail } from './audit-trail.js';
import { LoginThrottle } from './login-throttle.js';
import { OfficerService } from './officer.service.js';
import { SessionService } from './session.service.js';

/** Officers, their sessions and their reads of the audit trail. Imported (and re-exported) by AccessModule. */
@Module({
  providers: [
    {
      provide: OfficerService,
      useFactory: (dataSource: DataSource) => new OfficerService(dataSource),
      inject: [DataSource],
    },
    { provide: LoginThrottle, useFactory: () => new LoginThrottle() },
    {
      provide: SessionService,
      useFactory: (dataSource: DataSource, officers: OfficerService, throttle: LoginThrottle) =>
        new SessionService(dataSource, officers, throttle),
      inject: [DataSource, OfficerService, LoginThrottle],
    },
    {
      provide: AuditTrail,
      useFactory: (dataSource: DataSource) => new AuditTrail(dataSource),
      inject: [DataSource],
    },
  ],
  exports: [OfficerService, SessionService, AuditTrail],
})
export class OfficersModule {}
