import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AuditQueryDto,
  AuditTrail,
  RequirePermission,
  type AuditEventView,
  type AuthenticatedRequest,
} from '@app/access';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly trail: AuditTrail) {}

  @Get()
  @RequirePermission('audit:read')
  @ApiOperation({
    summary: 'Audit events, newest first, filtered by entity; page on with ?before=<nextBefore>',
  })
  list(
    @Query() query: AuditQueryDto,
    @Req() request: AuthenticatedRequest,
  ): Promise<{ events: AuditEventView[]; nextBefore: number | null }> {
    return this.trail.list(query, request.actor!, request.id);
  }

  @Get('verify')
  @RequirePermission('audit:read')
  @ApiOperation({ summary: 'Recompute the hash chain: {valid, events} or the first broken link' })
  verify(
    @Req() request: AuthenticatedRequest,
  ): Promise<{ valid: boolean; events: number; firstBrokenId?: number }> {
    return this.trail.verify(request.actor!, request.id);
  }
}
