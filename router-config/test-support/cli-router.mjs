// The real router process: the hive-gateway CLI with gateway.config.ts, configured through the
// environment like ./platform does (LOG_JSON=1 included), over a registry serving the supergraph.
// Tracing is process-wide (a global tracer provider), so tests of it need a process of their own.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listen } from './fixtures.mjs';

const root = new URL('..', import.meta.url).pathname;

export async function freePort() {
  const probe = await listen(() => {});
  await probe.close();
  return probe.port;
}

export async function startCliRouter({ supergraph, env = {} }) {
  const registry = await listen((_req, res) => {
    res.writeHead(200, { etag: '"1"', 'content-type': 'text/plain' });
    res.end(supergraph);
  });
  const dir = mkdtempSync(join(tmpdir(), 'router-cli-'));
  const port = await freePort();
  let stdout = '';
  let stderr = '';
  const child = spawn(process.execPath, [join(root, 'node_modules/.bin/hive-gateway'), 'supergraph'], {
    cwd: root,
    env: {
      ...process.env,
      LOG_JSON: '1',
      ROUTER_PORT: String(port),
      STOREFRONT_REGISTRY_URL: registry.url,
      ROUTER_LAST_KNOWN_GOOD: join(dir, 'last-known-good.graphql'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const base = `http://127.0.0.1:${port}`;
  const router = {
    base,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    /** Every stdout line parsed; throws on a line that is not JSON. */
    logLines() {
      return stdout
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => {
          try {
            return JSON.parse(line);
          } catch {
            throw new Error(`a router log line is not JSON: ${line}`);
          }
        });
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await registry.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the router exited with ${child.exitCode}:\n${stdout}${stderr}`);
    if (Date.now() > deadline) {
      await router.stop();
      throw new Error(`the router did not become ready:\n${stdout}${stderr}`);
    }
    if (await fetch(`${base}/readiness`).then((r) => r.ok, () => false)) return router;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
