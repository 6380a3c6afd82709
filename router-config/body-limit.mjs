// Request bodies: at most maxBytes, valid UTF-8 and (for JSON content types) valid JSON.
//
// Without a limit the gateway buffers whatever a client sends. A declared Content-Length over
// the limit is refused before reading anything; a body without one (chunked) is read only up
// to the limit, then the read is abandoned. Either way: 413 PAYLOAD_TOO_LARGE.
// Invalid UTF-8 was decoded leniently into U+FFFD and reached the GraphQL parser (HTTP 200 with
// a confusing parse error); malformed JSON already was a 400 from Yoga. Both are refused here
// with 400 BAD_REQUEST and a message that says what is wrong.
//
// Runs as a Yoga request parser wrapper, so it sees exactly the requests whose body the gateway
// would read (GraphQL POSTs), and hands the checked bytes to Yoga's own parser.
import { isUtf8 } from 'node:buffer';
import { errorResponse } from './error-codes.mjs';

export const DEFAULT_MAX_BODY_BYTES = 1_048_576;
const TOO_LARGE = Symbol('too large');

async function readAtMost(body, maxBytes) {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      reader.cancel().catch(() => {});
      return TOO_LARGE;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

const isJson = (contentType) => /^application\/([\w.+-]*\+)?json\b/i.test(contentType ?? '');

export function useBodyLimit({ maxBytes = DEFAULT_MAX_BODY_BYTES } = {}) {
  const tooLarge = (fetchAPI) =>
    errorResponse(fetchAPI, 413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${maxBytes} bytes`, {
      // The rest of the body is never read: do not reuse the connection for another request.
      connection: 'close',
    });
  const badRequest = (fetchAPI, message) => errorResponse(fetchAPI, 400, 'BAD_REQUEST', message);

  return {
    onRequestParse({ request, requestParser, setRequestParser, endResponse, fetchAPI }) {
      if (!requestParser || request.method === 'GET' || request.method === 'HEAD') return;
      const declared = request.headers.get('content-length');
      if (declared !== null && !(Number(declared) <= maxBytes)) {
        endResponse(tooLarge(fetchAPI));
        return;
      }
      setRequestParser(async (incoming) => {
        const bytes = await readAtMost(incoming.body, maxBytes);
        if (bytes === TOO_LARGE) return tooLarge(fetchAPI);
        if (!isUtf8(bytes)) return badRequest(fetchAPI, 'The request body is not valid UTF-8');
        if (isJson(incoming.headers.get('content-type'))) {
          try {
            JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
          } catch {
            return badRequest(fetchAPI, 'The request body is not valid JSON');
          }
        }
        const headers = new fetchAPI.Headers(incoming.headers);
        headers.delete('transfer-encoding');
        headers.set('content-length', String(bytes.byteLength));
        return requestParser(new fetchAPI.Request(incoming.url, { method: incoming.method, headers, body: bytes }));
      });
    },
  };
}
