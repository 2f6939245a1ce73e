import 'reflect-metadata';
import { type DynamicModule, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from '@app/common';
import { toValidationError } from '@app/common';
import type { Runtime } from '@app/persistence';
import { ApiModule } from './api.module.js';
import { registerConsole } from './console-assets.js';
import { ErrorFilter } from './error.filter.js';
import { createLogger, PinoNestLogger } from './logger.js';

/** Builds the HTTP app (used by main and by the end-to-end tests, so both run the same wiring). */
export async function createApiApp(config: AppConfig, runtime: Runtime, extraImports: DynamicModule[] = []): Promise<NestFastifyApplication> {
  const logger = createLogger(config.logLevel);
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    trustProxy: true,
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config, runtime, extraImports), adapter, {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => toValidationError(errors),
    }),
  );
  app.useGlobalFilters(new ErrorFilter());
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  // one line per request: route pattern, status and duration; never bodies, query strings or headers
  fastify.addHook('onResponse', async (request, reply) => {
    const entry = { requestId: request.id, method: request.method, route: request.routeOptions.url ?? 'unmatched', status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 };
    if (reply.statusCode >= 500) logger.error(entry, 'request failed');
    else if (reply.statusCode >= 400) logger.info(entry, 'request refused');
    else logger.debug(entry, 'request');
  });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('CPG compliance and AML screening')
      .setDescription('Pre-authorisation screening for the Cross-border QR Code Unified Gateway, and the officers\' API')
      .setVersion('1')
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }, 'api-key')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'officer session token from POST /v1/auth/login' })
      .addSecurityRequirements('api-key')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  await registerConsole(app);
  await app.init();
  return app;
}
