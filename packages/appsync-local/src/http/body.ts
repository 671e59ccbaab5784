// Reading a request body with a size limit, for every local endpoint.
import type { IncomingMessage } from 'node:http';

/** The body, or undefined when it is larger than `maxBytes` (the rest is drained, not kept). */
export function readBodyWithin(request: IncomingMessage, maxBytes: number): Promise<Buffer | undefined> {
  if (Number(request.headers['content-length'] ?? 0) > maxBytes) {
    request.resume();
    return Promise.resolve(undefined);
  }
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    request.on('end', () => done(size > maxBytes ? undefined : Buffer.concat(chunks)));
    request.on('error', fail);
  });
}
