/**
 * Runs one command to completion and reports its wall time and peak resident
 * set size. Peak RSS comes from GNU `/usr/bin/time -v` (the largest RSS of the
 * command and its descendants); without it, /proc/<pid>/status VmHWM of the
 * process tree is sampled every 20 ms (which can miss a final spike).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { killChild, onCleanup, tempDir } from './cleanup.mjs';

const GNU_TIME = '/usr/bin/time';

export function rssMethod() {
  return existsSync(GNU_TIME) ? '/usr/bin/time -v (max RSS of the process tree)' : '/proc VmHWM sampled every 20 ms';
}

/**
 * @returns {Promise<{wallMs:number, peakRssKb:number|null, code:number|null, signal:string|null, stdout:string, stderr:string, timedOut:boolean, rssCapped:boolean}>}
 */
export async function measureProcess(command, args, { timeoutMs = 300_000, cwd, maxRssKb = null } = {}) {
  const useTime = existsSync(GNU_TIME);
  const scratch = tempDir('kiln-bench-time-');
  const timeFile = join(scratch.dir, 'time.txt');
  const [file, argv] = useTime ? [GNU_TIME, ['-v', '-o', timeFile, command, ...args]] : [command, args];
  const started = process.hrtime.bigint();
  const child = spawn(file, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.__benchGroup = true;
  const stopChild = onCleanup(() => killChild(child, 'SIGKILL'));
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  let sampledKb = 0;
  const sampler = useTime ? null : setInterval(() => (sampledKb = Math.max(sampledKb, treeHwmKb(child.pid))), 20);
  let timedOut = false;
  // A peer that would take the machine's memory (go tool pprof on the generated profile grows past 18 GiB) is
  // stopped at maxRssKb and reported as such, instead of taking the other processes with it.
  let rssCapped = false;
  const watchdog =
    maxRssKb === null
      ? null
      : setInterval(() => {
          if (treeHwmKb(child.pid) > maxRssKb) {
            rssCapped = true;
            killChild(child, 'SIGKILL');
          }
        }, 100);
  const timer = setTimeout(() => {
    timedOut = true;
    killChild(child, 'SIGKILL');
  }, timeoutMs);
  const [code, signal] = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (c, s) => resolve([c, s]));
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  clearTimeout(timer);
  if (sampler) clearInterval(sampler);
  if (watchdog) clearInterval(watchdog);
  await stopChild();
  let peakRssKb = useTime ? null : sampledKb || null;
  /** User + system CPU time of the command and the children it waited for (GNU time only): steadier than wall time on a busy machine. */
  let cpuMs = null;
  if (useTime && existsSync(timeFile)) {
    const text = readFileSync(timeFile, 'utf8');
    const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(text);
    if (match) peakRssKb = Number(match[1]);
    const user = /User time \(seconds\): ([\d.]+)/.exec(text);
    const system = /System time \(seconds\): ([\d.]+)/.exec(text);
    if (user && system) cpuMs = (Number(user[1]) + Number(system[1])) * 1000;
    const exit = /Exit status: (\d+)/.exec(text);
    if (exit && code === 0) return finish(Number(exit[1]));
  }
  return finish(code);

  async function finish(exitCode) {
    await scratch.remove();
    return { wallMs, cpuMs, peakRssKb, code: exitCode, signal, stdout, stderr, timedOut, rssCapped };
  }
}

/** The largest VmHWM (kB) among `pid` and its descendants. */
function treeHwmKb(rootPid) {
  const parents = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    } catch {
      /* exited */
    }
  }
  let best = 0;
  for (const pid of parents.keys()) {
    let p = pid;
    while (p && p !== rootPid) p = parents.get(p);
    if (p !== rootPid) continue;
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) best = Math.max(best, Number(m[1]));
    } catch {
      /* exited */
    }
  }
  return best;
}
