import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createDataSource, runMigrations, startEmbeddedPostgres } from '../libs/persistence/src/index.js';
import { databaseUrl, TEST_POSTGRES_URL, TEST_RUNTIME } from './support/environment.js';

/**
 * Applies the real migrations once into a template (a PostgreSQL template database, or an embedded data folder)
 * that every test file copies. Only runs when an integration or end-to-end file is in the run.
 */
export default async function setup(project: { provide: (key: string, value: string) => void }): Promise<() => Promise<void>> {
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  if (TEST_RUNTIME === 'embedded') {
    const folder = mkdtempSync(join(tmpdir(), 'cpg-template-'));
    const embedded = await startEmbeddedPostgres(folder);
    const dataSource = createDataSource(embedded.url, { poolSize: 2 });
    await dataSource.initialize();
    await runMigrations(dataSource);
    await dataSource.destroy();
    await embedded.stop();
    project.provide('embeddedTemplate', folder);
    project.provide('templateDatabase', '');
    return async () => rmSync(folder, { recursive: true, force: true });
  }
  const template = `cpg_template_${runId}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  const dataSource = createDataSource(databaseUrl(template), { poolSize: 2 });
  await dataSource.initialize();
  await runMigrations(dataSource);
  await dataSource.destroy();
  project.provide('templateDatabase', template);
  project.provide('embeddedTemplate', '');
  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.end();
  };
}

export function copyTemplateFolder(template: string, target: string): void {
  cpSync(template, target, { recursive: true });
}
