import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';

/** apps/console/dist, seen from the sources (tests) or from the build (dist/apps/api/src). */
function consoleDist(): string | null {
  for (const relative of ['../../console/dist/', '../../../../apps/console/dist/']) {
    const path = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(`${path}index.html`)) return path;
  }
  return null;
}

// The console is a static bundle with no inline script or style: everything it loads comes from this origin.
const CONSOLE_HEADERS = {
  'content-security-policy': "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

function secure(reply: FastifyReply): FastifyReply {
  for (const [name, value] of Object.entries(CONSOLE_HEADERS)) void reply.header(name, value);
  return reply;
}

/**
 * Serves the officers' console (built by `npm run build:console`) under /console/, with the single-page app's
 * index.html for every console route. Public: the bundle holds no data; everything it shows comes from /v1 with
 * the officer's bearer token.
 */
export async function registerConsole(app: NestFastifyApplication): Promise<void> {
  const root = consoleDist();
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/', (_request, reply) => reply.redirect('/console/', 302));
  fastify.get('/console', (_request, reply) => reply.redirect('/console/', 301));
  if (!root) {
    fastify.get('/console/*', (_request, reply) => reply.code(503).type('text/plain; charset=utf-8').send('The console is not built: run `npm run build` (or `npm run build:console`).\n'));
    return;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/console/',
    wildcard: false,
    index: false,
    setHeaders: (reply, path) => {
      secure(reply);
      // file names under assets/ carry their content hash
      void reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const index = (_request: unknown, reply: FastifyReply) => secure(reply).header('cache-control', 'no-cache').sendFile('index.html');
  fastify.get('/console/', index);
  fastify.get('/console/*', index);
}
