/** The first line of a stream (a piped password), without its line ending; the whole input when it has no newline. */
export async function readFirstLine(input: AsyncIterable<string | Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    const end = buffer.indexOf(0x0a);
    if (end >= 0) {
      chunks.push(buffer.subarray(0, end));
      break;
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8').replace(/\r$/, '');
}
