import { Body, Controller, Get, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, Length } from 'class-validator';
import { DataSource } from 'typeorm';
import { RequirePermission, Roles, type AuthenticatedRequest } from '@app/access';
import { RuleConfigurationStore, RuleSetVersionsUseCase, type RuleSetDefinition, type VersionRow } from '@app/rules';

export class NewRuleSetDto {
  @ApiProperty({ description: 'the whole rule set definition (see GET /v1/rules for the shape in force)' })
  @IsObject()
  definition: Record<string, unknown>;

  @ApiPropertyOptional({ example: 'R03 window shortened after review 2026-11' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  note?: string;
}

export class NewFxTableDto {
  @ApiProperty({ example: { USD: '1', CNY: '7.18', KRW: '1385' } })
  @IsObject()
  unitsPerUsd: Record<string, string>;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 500)
  note?: string;
}

@ApiTags('rules')
@Controller('v1')
export class RulesController {
  private readonly versions: RuleSetVersionsUseCase;

  constructor(
    dataSource: DataSource,
    private readonly configuration: RuleConfigurationStore,
  ) {
    this.versions = new RuleSetVersionsUseCase(dataSource);
  }

  @Get('rules')
  @Roles('admin')
  @RequirePermission('rules:read')
  @ApiOperation({ summary: 'Rule set versions, newest (in force) first' })
  async ruleSets(): Promise<{ versions: Array<VersionRow<RuleSetDefinition>> }> {
    return { versions: await this.versions.ruleSets() };
  }

  @Post('rules')
  @Roles('admin')
  @RequirePermission('rules:manage')
  @ApiOperation({ summary: 'Add a rule set version; it is in force on every replica within seconds' })
  async addRuleSet(@Body() body: NewRuleSetDto, @Req() request: AuthenticatedRequest): Promise<{ version: number }> {
    const added = await this.versions.addRuleSet(body.definition, body.note, request.actor!, request.id);
    await this.configuration.refresh();
    return added;
  }

  @Get('fx')
  @Roles('admin')
  @RequirePermission('rules:read')
  @ApiOperation({ summary: 'FX table versions (units per USD), newest (in force) first' })
  async fxTables(): Promise<{ versions: Array<VersionRow<Record<string, string>>> }> {
    return { versions: await this.versions.fxTables() };
  }

  @Post('fx')
  @Roles('admin')
  @RequirePermission('rules:manage')
  @ApiOperation({ summary: 'Add an FX table version' })
  async addFxTable(@Body() body: NewFxTableDto, @Req() request: AuthenticatedRequest): Promise<{ version: number }> {
    const added = await this.versions.addFxTable(body.unitsPerUsd, body.note, request.actor!, request.id);
    await this.configuration.refresh();
    return added;
  }
}
