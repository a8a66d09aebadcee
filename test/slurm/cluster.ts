/**
 * A real single-node SLURM cluster for tests: munged, slurmctld and slurmd started on this
 * machine from Debian's `slurm-wlm` and `munge` packages, with everything (configuration, munge
 * key and socket, state, spool, logs) in one temporary directory and on free TCP ports, so it
 * touches nothing under /etc and cannot clash with another cluster on the same machine.
 *
 * Needs root: slurmd launches jobs as their owner, and munged checks ownership of its key.
 * The configuration follows what is known to work in a container without systemd or cgroups:
 * `proctrack/linuxproc`, `task/none`, no cgroup.conf, accounting off.
 */

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readdirSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** How long each daemon may take to answer before start-up is declared failed. */
const READY_TIMEOUT_MS = 30_000;

/** How long stop() waits for queued jobs to be cancelled and for each daemon to exit. */
const STOP_TIMEOUT_MS = 10_000;

const POLL_MS = 100;

/** Lines of each log shown when something goes wrong. */
const LOG_TAIL_LINES = 60;

const DAEMONS = ['munged', 'slurmctld', 'slurmd'] as const;
type Daemon = (typeof DAEMONS)[number];

export interface PartitionSpec {
  readonly name: string;
  /** SLURM time limit, e.g. `1` (minutes) or `INFINITE`. */
  readonly maxTime: string;
}

export interface ClusterOptions {
  /**
   * The partitions, the first being the default. Submissions above a partition's MaxTime are
   * rejected by sbatch (`EnforcePartLimits=ALL`), as on most production clusters.
   * @default [{ name: 'debug', maxTime: 'INFINITE' }]
   */
  readonly partitions?: readonly PartitionSpec[];
}

export interface Cluster {
  /** The temporary directory holding everything the cluster writes. */
  readonly dir: string;
  readonly confPath: string;
  /** The default partition's name. */
  readonly partition: string;
  readonly nodeName: string;
  /** The environment for SLURM clients (sbatch, squeue, ...) to reach this cluster. */
  readonly env: NodeJS.ProcessEnv;
  /** Seconds from start() until the node was idle. */
  readonly startupSeconds: number;
  /** Runs a SLURM client against this cluster; rejects with its stderr on failure. */
  client(command: string, args: readonly string[]): Promise<string>;
  /** The tail of every daemon log, for a failure message. */
  logs(): string;
  /** Cancels remaining jobs and stops the daemons; removes the directory unless `keep`. */
  stop(keep?: boolean): Promise<void>;
}

/**
 * Starts the cluster and waits until its node is idle. Rejects with every daemon's log when
 * any of them fails to come up, after stopping the ones that did.
 */
export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const started = process.hrtime.bigint();
  const partitions = options.partitions ?? [{ name: 'debug', maxTime: 'INFINITE' }];
  const binaries = findBinaries();

  if (process.getuid?.() !== 0) {
    throw new Error('the SLURM test cluster needs root (slurmd runs jobs as their owner)');
  }

  // munged refuses a socket whose directory is not searchable by everyone, and a key that
  // anyone but its owner can read: the root is 0755, the key's directory 0700.
  const dir = await mkdtemp(path.join(os.tmpdir(), 'spotlight-slurm-'));
  await chmod(dir, 0o755);
  const sub = {
    run: path.join(dir, 'run'),
    munge: path.join(dir, 'munge'),
    state: path.join(dir, 'state'),
    spool: path.join(dir, 'spool'),
    log: path.join(dir, 'log'),
  };
  for (const d of Object.values(sub)) await mkdir(d, { mode: 0o755 });
  await chmod(sub.munge, 0o700);
  const keyPath = path.join(sub.munge, 'munge.key');
  await writeFile(keyPath, randomBytes(1024), { mode: 0o600 });
  const socketPath = path.join(sub.run, 'munge.socket');

  // The node line comes from slurmd itself, so CPUs and memory match what it will detect.
  const node = await detectNode(binaries.slurmd);
  const [ctldPort, slurmdPort] = await freePorts(2);
  const confPath = path.join(dir, 'slurm.conf');
  await writeFile(
    confPath,
    slurmConf({ dir, sub, socketPath, node, ctldPort, slurmdPort, partitions }),
  );

  const env: NodeJS.ProcessEnv = { ...process.env, SLURM_CONF: confPath };
  const children = new Map<Daemon, ChildProcess>();
  const killAll = (): void => {
    for (const child of children.values()) if (child.exitCode === null) child.kill('SIGKILL');
  };
  // A crashed test process must not leave daemons behind.
  process.once('exit', killAll);

  const client = async (command: string, args: readonly string[]): Promise<string> => {
    const { stdout } = await execFileAsync(command, [...args], { env, timeout: 15_000 });
    return stdout;
  };

  const logs = (): string =>
    `----- slurm.conf -----\n${readFileSync(confPath, 'utf8')}${dumpLogs(sub.log)}`;

  const stop = async (keep = false): Promise<void> => {
    await cancelAll(client);
    for (const daemon of [...DAEMONS].reverse()) {
      const child = children.get(daemon);
      if (child) await terminate(child);
    }
    process.removeListener('exit', killAll);
    if (!keep && !process.env.SPOTLIGHT_KEEP_SLURM) await rm(dir, { recursive: true, force: true });
  };

  const launch = (daemon: Daemon, args: readonly string[]): ChildProcess => {
    const out = openSync(path.join(sub.log, `${daemon}.stdout`), 'a');
    const child = spawn(binaries[daemon], [...args], { env, stdio: ['ignore', out, out] });
    closeSync(out);
    children.set(daemon, child);
    return child;
  };

  try {
    const munged = launch('munged', [
      '--foreground',
      `--key-file=${keyPath}`,
      `--socket=${socketPath}`,
      `--pid-file=${path.join(sub.run, 'munged.pid')}`,
      `--log-file=${path.join(sub.log, 'munged.log')}`,
      `--seed-file=${path.join(sub.munge, 'munged.seed')}`,
    ]);
    await waitFor('munged', munged, async () => existsSync(socketPath));

    const ctld = launch('slurmctld', ['-D', '-f', confPath]);
    await waitFor('slurmctld', ctld, async () => {
      const out = await client('scontrol', ['ping']).catch(() => '');
      return /\bUP\b/.test(out);
    });

    const slurmd = launch('slurmd', ['-D', '-f', confPath, '-N', node.name]);
    await waitFor('slurmd', slurmd, async () => {
      const out = await client('sinfo', ['-h', '-n', node.name, '-o', '%T']).catch(() => '');
      return out.trim() === 'idle';
    });
  } catch (error) {
    await stop(true).catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`the SLURM test cluster did not start: ${reason}\n` +
      `state kept in ${dir}\n${logs()}`);
  }

  const startupSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    dir,
    confPath,
    partition: partitions[0].name,
    nodeName: node.name,
    env,
    startupSeconds,
    client,
    logs,
    stop,
  };
}

/**
 * Runs `body`; if it throws, the error gains the daemons' logs, so a failing cluster test
 * explains itself in CI output.
 */
export async function withClusterLogs<T>(cluster: Cluster, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof Error) error.message += `\n${cluster.logs()}`;
    throw error;
  }
}

/** Polls `ready` until it holds; fails early when the daemon exits first. */
async function waitFor(
  daemon: Daemon,
  child: ChildProcess,
  ready: () => Promise<boolean>,
): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${daemon} exited (${child.exitCode ?? child.signalCode}) while starting`);
    }
    if (await ready()) return;
    if (Date.now() > deadline) {
      throw new Error(`${daemon} was not ready after ${READY_TIMEOUT_MS / 1000} s`);
    }
    await sleep(POLL_MS);
  }
}

async function cancelAll(client: Cluster['client']): Promise<void> {
  const ids = await client('squeue', ['-h', '-o', '%i']).catch(() => '');
  const jobs = ids.split('\n').map((s) => s.trim()).filter((s) => s !== '');
  if (jobs.length === 0) return;
  await client('scancel', jobs).catch(() => undefined);
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const left = await client('squeue', ['-h', '-o', '%i']).catch(() => '');
    if (left.trim() === '') return;
    await sleep(POLL_MS);
  }
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

interface NodeLine {
  readonly name: string;
  /** `NodeName=... CPUs=... RealMemory=...` as slurmd -C prints it. */
  readonly line: string;
}

async function detectNode(slurmd: string): Promise<NodeLine> {
  const { stdout } = await execFileAsync(slurmd, ['-C']);
  const line = stdout.split('\n').find((l) => l.startsWith('NodeName=')) ?? '';
  const name = /^NodeName=(\S+)/.exec(line)?.[1];
  if (!name) throw new Error(`slurmd -C printed no NodeName line:\n${stdout}`);
  return { name, line };
}

interface ConfInputs {
  readonly dir: string;
  readonly sub: Readonly<Record<'run' | 'state' | 'spool' | 'log', string>>;
  readonly socketPath: string;
  readonly node: NodeLine;
  readonly ctldPort: number;
  readonly slurmdPort: number;
  readonly partitions: readonly PartitionSpec[];
}

function slurmConf(c: ConfInputs): string {
  const lines = [
    'ClusterName=spotlighttest',
    `SlurmctldHost=${c.node.name}(127.0.0.1)`,
    `SlurmctldPort=${c.ctldPort}`,
    `SlurmdPort=${c.slurmdPort}`,
    'SlurmUser=root',
    'SlurmdUser=root',
    'AuthType=auth/munge',
    `AuthInfo=socket=${c.socketPath}`,
    'CredType=cred/munge',
    `StateSaveLocation=${c.sub.state}`,
    `SlurmdSpoolDir=${c.sub.spool}`,
    `SlurmctldPidFile=${path.join(c.sub.run, 'slurmctld.pid')}`,
    `SlurmdPidFile=${path.join(c.sub.run, 'slurmd.pid')}`,
    `SlurmctldLogFile=${path.join(c.sub.log, 'slurmctld.log')}`,
    `SlurmdLogFile=${path.join(c.sub.log, 'slurmd.log')}`,
    'ProctrackType=proctrack/linuxproc',
    'TaskPlugin=task/none',
    // Without slurmdbd there is no accounting: sacct answers "accounting storage is
    // disabled", and job states come from squeue while slurmctld remembers the job.
    'JobAcctGatherType=jobacct_gather/none',
    'AccountingStorageType=accounting_storage/none',
    'JobCompType=jobcomp/none',
    'SelectType=select/cons_tres',
    'SelectTypeParameters=CR_Core',
    'SchedulerType=sched/backfill',
    // Schedule a batch job as soon as it arrives (the default batches submissions for 3 s).
    'SchedulerParameters=batch_sched_delay=0',
    'EnforcePartLimits=ALL',
    'ReturnToService=2',
    'MpiDefault=none',
    'MailProg=/bin/true',
    // Short grace between SIGTERM and SIGKILL keeps cancellation and stop() quick.
    'KillWait=5',
    `${c.node.line} NodeAddr=127.0.0.1 State=UNKNOWN`,
    ...c.partitions.map(
      (p, i) =>
        `PartitionName=${p.name} Nodes=ALL Default=${i === 0 ? 'YES' : 'NO'} ` +
        `MaxTime=${p.maxTime} State=UP`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

function findBinaries(): Record<Daemon, string> {
  const dirs = [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/bin', '/sbin'];
  const missing: string[] = [];
  const found = {} as Record<Daemon, string>;
  for (const daemon of DAEMONS) {
    const hit = dirs.map((d) => path.join(d, daemon)).find((p) => existsSync(p));
    if (hit) found[daemon] = hit;
    else missing.push(daemon);
  }
  if (missing.length > 0) {
    throw new Error(
      `the SLURM test cluster needs ${missing.join(', ')}; install the Debian packages ` +
        '`slurm-wlm munge` (.ci/run does this)',
    );
  }
  return found;
}

async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => {
      return new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve(server));
      });
    }),
  );
  const ports = servers.map((s) => {
    const address = s.address();
    return typeof address === 'object' && address ? address.port : 0;
  });
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

/** Synchronous, so it can be called from any error path without awaiting. */
function dumpLogs(logDir: string): string {
  let names: string[];
  try {
    names = readdirSync(logDir);
  } catch {
    return `(no logs in ${logDir})`;
  }
  const parts = names.sort().map((name) => {
    const text = readFileSync(path.join(logDir, name), 'utf8').trimEnd();
    const tail = text.split('\n').slice(-LOG_TAIL_LINES).join('\n');
    return `----- ${name} (last ${LOG_TAIL_LINES} lines) -----\n${tail || '(empty)'}`;
  });
  return parts.join('\n');
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
