import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsIP,
  IsISO8601,
  IsNotEmptyObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { IsCountryCode, IsCurrencyCode, IsDecimalAmount } from '@app/common';

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

export class MoneyDto {
  @ApiProperty({ example: '268.00', description: 'decimal string, never a float' })
  @IsString()
  @IsDecimalAmount()
  value: string;

  @ApiProperty({ example: 'CNY' })
  @IsString()
  @IsCurrencyCode()
  currency: string;
}

export class IdDocumentDto {
  @ApiProperty({ enum: ['PASSPORT', 'NATIONAL_ID', 'RESIDENCE_PERMIT', 'DRIVING_LICENCE', 'OTHER'] })
  @IsIn(['PASSPORT', 'NATIONAL_ID', 'RESIDENCE_PERMIT', 'DRIVING_LICENCE', 'OTHER'])
  type: string;

  @ApiProperty({ example: 'M12345678' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9 -]{0,39}$/, { message: '$property must be 1-40 letters, digits, spaces or hyphens' })
  number: string;

  @ApiProperty({ example: 'KR' })
  @IsCountryCode()
  country: string;
}

export class PayerDto {
  @ApiProperty({ example: 'KAKAOPAY' })
  @IsString()
  @Matches(/^[A-Z0-9_]{2,32}$/, { message: '$property must be 2-32 upper-case letters, digits or _' })
  walletProvider: string;

  @ApiProperty({ example: 'kp-8812' })
  @IsString()
  @Matches(ID_PATTERN, { message: '$property must be 1-64 letters, digits or ._:-' })
  walletAccountId: string;

  @ApiProperty({ example: 'KIM MIN JUN' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ example: '김민준' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  nameOriginalScript?: string;

  @ApiPropertyOptional({ example: '1990-04-02' })
  @IsOptional()
  @Matches(/^\d{4}(-\d{2}(-\d{2})?)?$/, { message: '$property must be YYYY, YYYY-MM or YYYY-MM-DD' })
  dateOfBirth?: string;

  @ApiPropertyOptional({ example: 'KR' })
  @IsOptional()
  @IsCountryCode()
  nationality?: string;

  @ApiPropertyOptional({ example: 'KR' })
  @IsOptional()
  @IsCountryCode()
  residenceCountry?: string;

  @ApiPropertyOptional({ type: IdDocumentDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => IdDocumentDto)
  idDocument?: IdDocumentDto;

  @ApiProperty({ example: 'T1', description: 'KYC level asserted by the wallet; mapped to a tier by the rule set' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,16}$/, { message: '$property must be 1-16 letters, digits, _ or -' })
  kycLevel: string;

  @ApiPropertyOptional({ example: 'd-77' })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  deviceId?: string;

  @ApiPropertyOptional({ example: '203.0.113.7' })
  @IsOptional()
  @IsIP(undefined, { message: '$property must be an IPv4 or IPv6 address' })
  ipAddress?: string;

  @ApiPropertyOptional({ example: 'KR', description: 'country of the IP address, when the gateway resolves it' })
  @IsOptional()
  @IsCountryCode()
  ipCountry?: string;
}

export class MerchantDto {
  @ApiProperty({ example: 'M-310000-0091' })
  @IsString()
  @Matches(ID_PATTERN, { message: '$property must be 1-64 letters, digits or ._:-' })
  id: string;

  @ApiProperty({ example: 'Shanghai Dumpling House' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ example: '5812' })
  @Matches(/^\d{4}$/, { message: '$property must be a 4-digit merchant category code' })
  mcc: string;

  @ApiPropertyOptional({ example: 'Shanghai' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  city?: string;

  @ApiProperty({ example: 'CN' })
  @IsCountryCode()
  country: string;

  @ApiPropertyOptional({ example: 'ZHANG WEI' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  legalRepresentative?: string;

  @ApiPropertyOptional({ example: false })
  @IsOptional()
  @IsBoolean()
  personalCollectionCode?: boolean;
}

export class PreAuthRequestDto {
  @ApiProperty({ example: 'CPG-20261125-000001' })
  @IsString()
  @Matches(ID_PATTERN, { message: '$property must be 1-64 letters, digits or ._:-' })
  transactionId: string;

  @ApiProperty({ example: '2026-11-25T10:15:00+08:00' })
  @IsISO8601({ strict: true }, { message: '$property must be an ISO 8601 date-time with offset' })
  @Matches(/T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/, { message: '$property must include a time and a UTC offset' })
  occurredAt: string;

  @ApiProperty({ type: MoneyDto })
  @IsDefined()
  @IsNotEmptyObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  amount: MoneyDto;

  @ApiPropertyOptional({ type: MoneyDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyDto)
  payerAmount?: MoneyDto;

  @ApiProperty({ enum: ['STATIC', 'DYNAMIC'] })
  @IsIn(['STATIC', 'DYNAMIC'])
  qrType: 'STATIC' | 'DYNAMIC';

  @ApiProperty({ type: PayerDto })
  @IsDefined()
  @IsNotEmptyObject()
  @ValidateNested()
  @Type(() => PayerDto)
  payer: PayerDto;

  @ApiProperty({ type: MerchantDto })
  @IsDefined()
  @IsNotEmptyObject()
  @ValidateNested()
  @Type(() => MerchantDto)
  merchant: MerchantDto;
}

export class OutcomeRequestDto {
  @ApiProperty({ enum: ['SETTLED', 'FAILED', 'REVERSED'] })
  @IsIn(['SETTLED', 'FAILED', 'REVERSED'])
  status: 'SETTLED' | 'FAILED' | 'REVERSED';

  @ApiProperty({ example: '2026-11-25T10:15:03+08:00' })
  @IsISO8601({ strict: true }, { message: '$property must be an ISO 8601 date-time with offset' })
  at: string;
}
