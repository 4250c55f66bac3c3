import { AppError } from '../../../shared/app-error.ts';

/** What `Content-Encoding` may say: identity, or what DecompressionStream undoes. */
const DECODERS: Record<string, CompressionFormat | null> = {
  '': null,
  identity: null,
  gzip: 'gzip',
  'x-gzip': 'gzip',
  deflate: 'deflate',
};

/**
 * A request body as bytes, decompressed per `Content-Encoding`, refused (413) as soon as the
 * decompressed bytes exceed `maxBytes`: a small gzip bomb inflating to gigabytes is stopped after
 * `maxBytes`, not held in memory. The compressed size is the app's bodyLimit's business. An
 * encoding DecompressionStream cannot undo is a 415 (RFC 7694); a corrupt stream a 400.
 */
export async function readDecodedBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  const encoding = (request.headers.get('content-encoding') ?? '').trim().toLowerCase();
  if (!(encoding in DECODERS))
    throw new AppError(
      415,
      'unsupported_encoding',
      `Content-Encoding "${encoding}" is not supported`,
      {
        details: { supported: ['gzip', 'deflate', 'identity'] },
      },
    );
  if (!request.body) return new Uint8Array(0);
  const format = DECODERS[encoding];
  const stream = format ? request.body.pipeThrough(new DecompressionStream(format)) : request.body;
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => {});
        throw new AppError(
          413,
          'payload_too_large',
          `request body exceeds ${maxBytes / 1024 / 1024} MiB once decompressed`,
        );
      }
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof AppError || !format) throw err;
    throw new AppError(400, 'invalid_encoding', `request body is not valid ${encoding} data`, {
      cause: err,
    });
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
