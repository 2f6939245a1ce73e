import { BadRequestException, NotFoundException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { DomainError, ValidationError } from '@app/common';
import { toErrorResponse } from './error.filter.js';

describe(toErrorResponse.name, () => {
  it('maps domain errors to their status with code, message and field details', () => {
    const response = toErrorResponse(new ValidationError('bad', [{ path: 'payer.nationality', message: 'must be ISO' }]), 'r-1');
    expect(response).toEqual({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED', message: 'bad', details: [{ path: 'payer.nationality', message: 'must be ISO' }], requestId: 'r-1' } },
    });
    expect(toErrorResponse(new DomainError('IDEMPOTENCY_CONFLICT', 'x')).status).toBe(409);
    expect(toErrorResponse(new DomainError('UNAUTHENTICATED', 'x')).status).toBe(401);
    expect(toErrorResponse(new DomainError('LIST_FORMAT_INVALID', 'x')).status).toBe(422);
  });

  it('answers 400 for broken JSON and 413 for an oversized body raised by the HTTP layer', () => {
    const broken = toErrorResponse({ statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY', message: 'Unexpected end of JSON input' });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('VALIDATION_FAILED');
    expect(broken.body.error.details[0].path).toBe('body');
    const large = toErrorResponse({ statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE', message: 'Request body is too large' });
    expect(large).toMatchObject({ status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE' } } });
  });

  it('keeps Nest HTTP exceptions in the one shape and hides internal errors', () => {
    expect(toErrorResponse(new NotFoundException()).body.error).toMatchObject({ code: 'NOT_FOUND', message: 'No such route' });
    expect(toErrorResponse(new BadRequestException('nope')).status).toBe(400);
    const internal = toErrorResponse(new Error('connection string postgres://secret'));
    expect(internal.status).toBe(500);
    expect(internal.body.error.message).not.toContain('secret');
  });
});
