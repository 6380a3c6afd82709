// CPU time of the platform's processes, read from /proc: each process the launcher started (its
// .run/*.pid) with every process below it (the router's forked workers), PostgreSQL's backends
// (by name), and this load generator with the programs it ran. Both benchmarks print the
// difference per order or per request.
import { existsSync, readFileSync, readdirSync } from 'node:fs';

const TICK_MS = 1000 / Number(process.env.CLK_TCK ?? 100);
const RUN_DIR = new URL('../.run/', import.meta.url);

// { name, ppid, ms, childrenMs } of /proc/<pid>/stat: ms is utime + stime (its threads included),
// childrenMs cutime + cstime (children it waited for). Null once the process has ended.
function statOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
    return {
      name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
      ppid: String(fields[1]),
      ms: (fields[11] + fields[12]) * TICK_MS,
      childrenMs: (fields[13] + fields[14]) * TICK_MS,
    };
  } catch {
    return null;
  }
}

function treeMs(root, byParent, byPid) {
  let ms = byPid.get(root)?.ms ?? 0;
  for (const child of byParent.get(root) ?? []) ms += treeMs(child, byParent, byPid);
  return ms;
}

/** Map of name → CPU ms so far (a process that is not running is left out). */
export function cpuSnapshot() {
  const byPid = new Map();
  const byParent = new Map();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    const stat = statOf(pid);
    if (!stat) continue;
    byPid.set(pid, stat);
    if (!byParent.has(stat.ppid)) byParent.set(stat.ppid, []);
    byParent.get(stat.ppid).push(pid);
  }
  const snapshot = new Map();
  for (const file of existsSync(RUN_DIR) ? readdirSync(RUN_DIR) : []) {
    if (!file.endsWith('.pid')) continue;
    const pid = readFileSync(new URL(file, RUN_DIR), 'utf8').trim();
    if (byPid.has(pid)) snapshot.set(file.slice(0, -4), treeMs(pid, byParent, byPid));
  }
  snapshot.set('postgresql', [...byPid.values()].filter((p) => p.name === 'postgres').reduce((sum, p) => sum + p.ms, 0));
  // Its own time and that of the children it waited for (wrk, in the storefront benchmark).
  const self = statOf('self');
  snapshot.set('load generator', self.ms + self.childrenMs);
  return snapshot;
}

/** [name, ms] used between two snapshots, largest first. */
export function cpuUsed(before, after) {
  return [...after].filter(([name]) => before.has(name))
    .map(([name, ms]) => [name, ms - before.get(name)]).sort((a, b) => b[1] - a[1]);
}
