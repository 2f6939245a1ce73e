import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { AUDIT_PAGE_DEFAULT, AUDIT_PAGE_MAX } from './audit-trail.js';
import { PASSWORD_MAX_LENGTH } from './passwords.js';
import { OFFICER_ROLES } from './permissions.js';

export class LoginRequestDto {
  @ApiProperty({ example: 'li.na' })
  @IsString()
  @Length(1, 64)
  username: string;

  @ApiProperty({ example: 'correct horse battery staple', format: 'password' })
  @IsString()
  @Length(1, PASSWORD_MAX_LENGTH)
  password: string;
}

export class CreateOfficerRequestDto {
  @ApiProperty({ example: 'li.na', description: '3-64 letters, digits or ._@-; stored lower case' })
  @IsString()
  @Length(1, 64)
  username: string;

  @ApiProperty({ enum: OFFICER_ROLES })
  @IsIn(OFFICER_ROLES)
  role: string;

  @ApiProperty({ format: 'password', description: `at least 12 characters` })
  @IsString()
  @Length(1, PASSWORD_MAX_LENGTH)
  password: string;
}

export class AuditQueryDto {
  @ApiPropertyOptional({ example: 'officer' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  entityType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  entityId?: string;

  @ApiPropertyOptional({ default: AUDIT_PAGE_DEFAULT, maximum: AUDIT_PAGE_MAX })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(AUDIT_PAGE_MAX)
  limit?: number;

  @ApiPropertyOptional({ description: "events older than this id (the previous page's nextBefore)" })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  before?: number;
}
