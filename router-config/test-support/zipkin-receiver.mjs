// A receiver speaking Zipkin's span intake, POST /api/v2/spans with a JSON list of spans (answer
// 202), which is what the router's Zipkin exporter sends: the test's own Zipkin.
import { listen } from './fixtures.mjs';

export async function startZipkinReceiver() {
  const spans = [];
  const server = await listen((req, res) => {
    if (req.method !== 'POST' || req.url !== '/api/v2/spans') {
      res.writeHead(404);
      res.end();
      return;
    }
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      spans.push(...JSON.parse(body));
      res.writeHead(202);
      res.end();
    });
  });
  return {
    ...server,
    spansUrl: `${server.url}/api/v2/spans`,
    spans,
    /** Waits until spans matching `predicate` arrived (the exporter sends batches every second). */
    async awaitSpans(predicate, { timeoutMs = 10_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = spans.filter(predicate);
        if (found.length) return found;
        if (Date.now() > deadline) throw new Error(`no matching span within ${timeoutMs} ms; got ${JSON.stringify(spans.map((s) => [s.traceId, s.name]))}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
}
