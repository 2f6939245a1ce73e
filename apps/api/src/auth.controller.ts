import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import {
  CreateOfficerRequestDto,
  LoginRequestDto,
  ManageOfficersUseCase,
  OFFICER_ROLES,
  OfficerService,
  permissionsOf,
  Public,
  RequirePermission,
  Roles,
  SessionService,
  type AuthenticatedRequest,
  type LoginResult,
  type Officer,
  type OfficerChange,
  type OfficerRole,
  type OfficerView,
  type Permission,
} from '@app/access';

@ApiTags('officers')
@Controller('v1')
export class AuthController {
  private readonly manage: ManageOfficersUseCase;

  constructor(
    private readonly sessions: SessionService,
    private readonly officers: OfficerService,
    @Inject(DataSource) dataSource: DataSource,
  ) {
    this.manage = new ManageOfficersUseCase(dataSource);
  }

  /** Public, but throttled per client address and locked per account after 5 failures. */
  @Post('auth/login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log in with username and password; answers a bearer token valid 8 hours (401 on any refusal)',
  })
  login(@Body() body: LoginRequestDto, @Req() request: AuthenticatedRequest): Promise<LoginResult> {
    return this.sessions.login(body, { requestId: request.id, ip: request.ip });
  }

  @Post('auth/logout')
  @Roles(...OFFICER_ROLES)
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: "Revoke the caller's bearer token" })
  async logout(@Req() request: AuthenticatedRequest): Promise<void> {
    await this.sessions.revoke(
      { id: request.officerSession!.id, officer: officerOf(request) },
      { requestId: request.id },
    );
  }

  @Get('auth/me')
  @Roles(...OFFICER_ROLES)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The calling officer, their permissions and when their session expires' })
  me(@Req() request: AuthenticatedRequest): {
    officer: Officer;
    permissions: Permission[];
    expiresAt: string;
  } {
    const officer = officerOf(request);
    return {
      officer,
      permissions: permissionsOf(officer.role),
      expiresAt: request.officerSession!.expiresAt.toISOString(),
    };
  }

  @Post('users')
  @RequirePermission('users:manage')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Create an officer (ADMIN)' })
  async createOfficer(
    @Body() body: CreateOfficerRequestDto,
    @Req() request: AuthenticatedRequest,
  ): Promise<{ officer: Officer }> {
    return { officer: await this.officers.create(body, request.actor!, request.id) };
  }

  @Get('users')
  @RequirePermission('users:read')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Every officer with role, state (disabled, locked out) and last activity; never a password hash',
  })
  async listOfficers(): Promise<{ officers: OfficerView[] }> {
    return { officers: await this.manage.list() };
  }

  @Post('users/:id/disable')
  @RequirePermission('users:manage')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary: "Disable an officer and revoke their sessions (not oneself, not the last enabled ADMIN); audited",
  })
  disable(@Param('id') id: string, @Req() request: AuthenticatedRequest): Promise<{ officer: OfficerView }> {
    return this.change(id, 'disable', request);
  }

  @Post('users/:id/enable')
  @RequirePermission('users:manage')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Enable a disabled officer again; audited' })
  enable(@Param('id') id: string, @Req() request: AuthenticatedRequest): Promise<{ officer: OfficerView }> {
    return this.change(id, 'enable', request);
  }

  @Post('users/:id/unlock')
  @RequirePermission('users:manage')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End a lock-out (5 wrong passwords) before its 15 minutes are over; audited' })
  unlock(@Param('id') id: string, @Req() request: AuthenticatedRequest): Promise<{ officer: OfficerView }> {
    return this.change(id, 'unlock', request);
  }

  private async change(
    id: string,
    change: OfficerChange,
    request: AuthenticatedRequest,
  ): Promise<{ officer: OfficerView }> {
    return { officer: await this.manage.change(id, change, request.actor!, request.id) };
  }
}

function officerOf(request: AuthenticatedRequest): Officer {
  const actor = request.actor!;
  return { id: actor.id, username: actor.name, role: actor.role as OfficerRole };
}
