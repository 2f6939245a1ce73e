import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** apps/console/dist, seen from the sources (tests) or from the build (dist/apps/api/src). */
function consoleDist(): string | null {
  for (const relative of ['../../console/dist/', '../../../../apps/console/dist/']) {
    const path = fileURLToPath(new URL(relative, import.meta.url));
    // the console's sources sit beside its dist folder, built or not yet
    if (existsSync(`${path}../index.html`)) return path;
  }
  return null;
}

// The console is a static bundle with no inline script or style: everything it loads comes from this origin.
const CONSOLE_HEADERS = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

function secure(reply: FastifyReply): FastifyReply {
  for (const [name, value] of Object.entries(CONSOLE_HEADERS)) void reply.header(name, value);
  return reply;
}

function notBuilt(reply: FastifyReply): FastifyReply {
  return reply
    .code(503)
    .type('text/plain; charset=utf-8')
    .send('The console is not built: run `npm run build` (or `npm run build:console`).\n');
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
    fastify.get('/console/*', (_request, reply) => notBuilt(reply));
    return;
  }
  // files are looked up per request (not globbed at start), so a rebuilt console is served without a restart
  await app.register(fastifyStatic, { root, serve: false });
  fastify.get('/console/*', (request, reply) => {
    const relative = (request.params as { '*'?: string })['*'] ?? '';
    const file = resolve(root, relative);
    if (relative && file.startsWith(root) && isFile(file)) {
      // file names under assets/ carry their content hash
      return secure(reply)
        .header(
          'cache-control',
          relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        )
        .sendFile(relative, { cacheControl: false });
    }
    if (relative.startsWith('assets/'))
      return reply.code(404).type('text/plain; charset=utf-8').send('Not found\n');
    // every other console route is the single-page app
    if (!isFile(`${root}index.html`)) return notBuilt(reply);
    return secure(reply).header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
  });
}
