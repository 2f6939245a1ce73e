import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type ErrorCode, type ErrorDetail } from '@app/common';

/** Domain error code → HTTP status. The one place that knows HTTP. */
const STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  IDEMPOTENCY_CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  LIST_FORMAT_INVALID: 422,
  LIST_NOT_FOUND: 404,
  CONFIGURATION_INVALID: 500,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: ErrorDetail[]; requestId?: string };
}

/** Maps anything thrown (domain errors, Nest and Fastify errors) to the one error shape. */
export function toErrorResponse(error: unknown, requestId?: string): { status: number; body: ErrorBody } {
  if (error instanceof DomainError) {
    return { status: STATUS[error.code], body: { error: { code: error.code, message: error.message, details: error.details, requestId } } };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED');
    const message = status === 404 ? 'No such route' : error.message;
    return { status, body: { error: { code, message, details: [], requestId } } };
  }
  const fastifyError = error as { statusCode?: number; code?: string; message?: string };
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    const status = fastifyError.statusCode;
    const code = CODE_BY_STATUS[status] ?? 'VALIDATION_FAILED';
    const message =
      fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fastifyError.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
        ? `The request body is not valid JSON: ${fastifyError.message ?? ''}`.trim()
        : fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
          ? 'The request body is larger than the server accepts'
          : (fastifyError.message ?? 'Bad request');
    return { status, body: { error: { code, message, details: status === 400 ? [{ path: 'body', message }] : [], requestId } } };
  }
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'Internal error; it has been logged', details: [], requestId } } };
}

@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const reply = context.getResponse<FastifyReply>();
    const request = context.getRequest<FastifyRequest>();
    const { status, body } = toErrorResponse(exception, request.id);
    if (status >= 500) {
      this.logger.error({ requestId: request.id, route: request.routeOptions?.url, err: exception instanceof Error ? { name: exception.name, message: exception.message, stack: exception.stack } : String(exception) }, 'request failed');
    }
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}
