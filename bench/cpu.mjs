// CPU time of the platform's processes, read from /proc: each process the launcher started (its
// .run/*.pid) with every process below it (the router's forked workers), PostgreSQL's backends
// (by name), and this load generator with the programs it ran. Both benchmarks print the difference per order or request.
import { existsSync, readFileSync, readdirSync } from 'node:fs';

const TICK_MS = 1000 / Number(process.env.CLK_TCK ?? 100);
const RUN_DIR = new URL('../.run/', import.meta.url);

// { pid, ppid, name, ms } of every readable process; ms is utime + stime, its threads included.
function processes() {
  const all = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      all.push({
        pid,
        ppid: fields[1],
        name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
        ms: (Number(fields[11]) + Number(fields[12])) * TICK_MS,
      });
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return all;
}

function treeMs(root, byParent, byPid) {
  let ms = byPid.get(root)?.ms ?? 0;
  for (const child of byParent.get(root) ?? []) ms += treeMs(child, byParent, byPid);
  return ms;
}

/** Map of name → CPU ms so far (a process that is not running is left out). */
export function cpuSnapshot() {
  const all = processes();
  const byPid = new Map(all.map((p) => [p.pid, p]));
  const byParent = new Map();
  for (const p of all) byParent.set(p.ppid, [...(byParent.get(p.ppid) ?? []), p.pid]);
  const snapshot = new Map();
  for (const file of existsSync(RUN_DIR) ? readdirSync(RUN_DIR) : []) {
    if (!file.endsWith('.pid')) continue;
    const pid = readFileSync(new URL(file, RUN_DIR), 'utf8').trim();
    if (byPid.has(pid)) snapshot.set(file.slice(0, -4), treeMs(pid, byParent, byPid));
  }
  snapshot.set('postgresql', all.filter((p) => p.name === 'postgres').reduce((sum, p) => sum + p.ms, 0));
  // Its own time and that of the children it waited for (wrk, in the storefront benchmark).
  const self = readFileSync('/proc/self/stat', 'utf8');
  const fields = self.slice(self.lastIndexOf(')') + 2).split(' ');
  snapshot.set('load generator', fields.slice(11, 15).reduce((sum, ticks) => sum + Number(ticks), 0) * TICK_MS);
  return snapshot;
}

/** [name, ms] used between two snapshots, largest first. */
export function cpuUsed(before, after) {
  return [...after].filter(([name]) => before.has(name))
    .map(([name, ms]) => [name, ms - before.get(name)]).sort((a, b) => b[1] - a[1]);
}
