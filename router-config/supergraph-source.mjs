// Where the router gets its supergraph: the schema registry, polled with the ETag of the last
// supergraph it served (304 = nothing new), with a last-known-good copy on disk. The router
// keeps serving when the registry is down, and can start while it is down from that copy.
// `token` is the router's registry credential: a production registry serves the supergraph only
// to the router (and administrators).
import { readFile, rename, writeFile } from 'node:fs/promises';

export function createSupergraphSource({ registryUrl, lastKnownGoodFile, token, timeoutMs = 5000, log = console }) {
  let current = null; // { sdl, etag }

  async function fromRegistry() {
    const headers = current?.etag ? { 'if-none-match': current.etag } : {};
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await fetch(`${registryUrl}/supergraph`, { headers, signal: AbortSignal.timeout(timeoutMs) });
    if (response.status === 304 && current) {
      return current.sdl;
    }
    if (response.status === 401 || response.status === 403) {
      throw new Error(`the registry refused the router's credential (HTTP ${response.status}): set STOREFRONT_REGISTRY_TOKEN to the router's token`);
    }
    if (!response.ok) {
      throw new Error(`the registry answered ${response.status} ${response.statusText}`);
    }
    const sdl = await response.text();
    if (!sdl.includes('@join__graph')) {
      throw new Error('the registry answered with something that is not a supergraph');
    }
    const etag = response.headers.get('etag');
    if (sdl !== current?.sdl) {
      // Write then rename: a crash mid-write never leaves a truncated last-known-good copy. One
      // temporary file per process: forked workers (ROUTER_WORKERS) write at the same moment.
      const temporary = `${lastKnownGoodFile}.${process.pid}.tmp`;
      await writeFile(temporary, sdl);
      await rename(temporary, lastKnownGoodFile);
      log.info?.(`Loaded supergraph ${response.headers.get('x-supergraph-version') ?? ''} from the registry`);
    }
    current = { sdl, etag };
    return sdl;
  }

  return async function loadSupergraph() {
    try {
      return await fromRegistry();
    } catch (error) {
      if (current) {
        log.warn?.(`Schema registry unavailable (${error.message}); keeping the supergraph in use`);
        return current.sdl;
      }
      let sdl;
      try {
        sdl = await readFile(lastKnownGoodFile, 'utf8');
      } catch {
        throw new Error(
          `No supergraph: the schema registry at ${registryUrl} is unavailable (${error.message}) ` +
            `and there is no last-known-good copy at ${lastKnownGoodFile}`,
        );
      }
      log.warn?.(`Schema registry unavailable (${error.message}); starting from ${lastKnownGoodFile}`);
      current = { sdl, etag: null };
      return sdl;
    }
  };
}
