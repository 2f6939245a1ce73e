import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateOfficerRequestDto,
  LoginRequestDto,
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
  type OfficerRole,
  type Permission,
} from '@app/access';

@ApiTags('officers')
@Controller('v1')
export class AuthController {
  constructor(
    private readonly sessions: SessionService,
    private readonly officers: OfficerService,
  ) {}

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
}

function officerOf(request: AuthenticatedRequest): Officer {
  const actor = request.actor!;
  return { id: actor.id, username: actor.name, role: actor.role as OfficerRole };
}
