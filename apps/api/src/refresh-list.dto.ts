import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';

export class RefreshListDto {
  @ApiProperty({ example: 'UN_SC' })
  @IsString()
  @Matches(/^[A-Z0-9_]{2,40}$/, { message: '$property must be a list id such as UN_SC' })
  list: string;

  @ApiPropertyOptional({ example: 'un-xml', description: 'when a list has several sources' })
  @IsOptional()
  @IsString()
  format?: string;
}
