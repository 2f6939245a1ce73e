import { readFile } from 'node:fs/promises';
import { basename, isAbsolute, resolve } from 'node:path';
import { DomainError, ValidationError } from '@app/common';
import type { ListFiles } from './domain/list-entry.js';

/** One entry of sanctions-data/sources.json (documented in sanctions-data/README.md). */
export interface ListSource {
  list: string;
  format: string;
  url?: string;
  file?: string;
  files?: { alt?: string; add?: string; comments?: string };
  schedule?: string;
  enabled: boolean;
  demo?: boolean;
  note?: string;
}

export async function readListSources(path: string): Promise<ListSource[]> {
  const text = await readFile(path, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new DomainError('CONFIGURATION_INVALID', `${path} is not valid JSON`, [], { cause: error });
  }
  if (!Array.isArray(parsed)) throw new DomainError('CONFIGURATION_INVALID', `${path} must hold an array of sources`);
  return parsed.map((source: ListSource, position) => {
    if (!source || typeof source.list !== 'string' || typeof source.format !== 'string' || (!source.url && !source.file)) {
      throw new DomainError('CONFIGURATION_INVALID', `${path}[${position}] needs list, format and url or file`);
    }
    return source;
  });
}

/** Reads one location: a file path (relative to baseDir) or an http(s) URL. */
async function fetchLocation(location: string, baseDir: string): Promise<{ name: string; content: Buffer }> {
  if (/^https?:\/\//.test(location)) {
    const response = await fetch(location, { signal: AbortSignal.timeout(120_000) });
    if (!response.ok) throw new DomainError('SERVICE_UNAVAILABLE', `GET ${location} answered ${response.status}`);
    return { name: location, content: Buffer.from(await response.arrayBuffer()) };
  }
  const path = isAbsolute(location) ? location : resolve(baseDir, location);
  try {
    return { name: basename(path), content: await readFile(path) };
  } catch (error) {
    throw new ValidationError(`Cannot read ${path}: ${(error as Error).message}`, [{ path: 'file', message: `cannot read ${path}` }]);
  }
}

export async function readSourceFiles(source: ListSource, baseDir: string): Promise<ListFiles> {
  const main = await fetchLocation((source.file ?? source.url)!, baseDir);
  const files: ListFiles = { main };
  for (const part of ['alt', 'add', 'comments'] as const) {
    const location = source.files?.[part];
    if (location) files[part] = await fetchLocation(location, baseDir);
  }
  return files;
}

/** Reads CLI-style file arguments into ListFiles. */
export async function readListFiles(paths: { file: string; alt?: string; add?: string; comments?: string }, baseDir: string): Promise<ListFiles> {
  return readSourceFiles({ list: '', format: '', file: paths.file, files: { alt: paths.alt, add: paths.add, comments: paths.comments }, enabled: true }, baseDir);
}
