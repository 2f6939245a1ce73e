import { gunzipSync } from 'node:zlib';
import { ListFormatError } from './list-format.error.js';

export interface NamedBuffer {
  name: string;
  content: Buffer;
}

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

export function isGzip(content: Buffer): boolean {
  return content.length >= 2 && content[0] === GZIP_MAGIC_0 && content[1] === GZIP_MAGIC_1;
}

/** Inflates gzip content (detected by its magic bytes); anything else is returned unchanged. */
export function gunzipIfNeeded(file: NamedBuffer): Buffer {
  if (!isGzip(file.content)) return file.content;
  try {
    return gunzipSync(file.content);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new ListFormatError(
      file.name,
      `byte 0 of ${file.content.length}`,
      `gzip stream does not inflate (${reason})`,
      {
        cause,
      },
    );
  }
}

function assertNotEmpty(file: NamedBuffer, text: string): void {
  if (text.trim() === '') throw new ListFormatError(file.name, 'line 1', 'file is empty');
}

/** UTF-8 with an optional byte order mark. */
export function decodeUtf8(file: NamedBuffer, content: Buffer = file.content): string {
  let text = content.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  assertNotEmpty(file, text);
  return text;
}

/**
 * Latin-1 as the OFAC legacy CSV and the old UK conlist are published. Bytes 0x80-0x9f are read as Windows-1252,
 * which is what those files really contain (curly quotes, en dashes).
 */
export function decodeLatin1(file: NamedBuffer, content: Buffer = file.content): string {
  if (content.length >= 3 && content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf) {
    return decodeUtf8(file, content);
  }
  const text = new TextDecoder('windows-1252').decode(content);
  assertNotEmpty(file, text);
  return text;
}
