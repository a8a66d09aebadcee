/**
 * One writer per results folder. Two runs writing the same folder would interleave trials
 * of different seeds, so the second is refused while the first is alive. A lock left by a
 * process that died on this host is taken over; one from another host (a cluster node) is
 * only taken over with --force, since its process cannot be checked from here.
 */

import { readFileSync, rmSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { ResultsFolderError } from './errors.js';
import { LOCK_FILE } from './layout.js';

export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly startedAt: string;
}

export interface FolderLock {
  release(): Promise<void>;
}

export async function acquireLock(dir: string, force: boolean): Promise<FolderLock> {
  const file = path.join(dir, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };

  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await writeFile(file, JSON.stringify(me), { flag: 'wx' });
      return holding(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = await readOwner(file);
    if (owner !== undefined && owner.pid === process.pid && owner.host === me.host) {
      throw new ResultsFolderError(`${dir} is already open in this process`);
    }
    if (owner !== undefined && owner.host === me.host && isAlive(owner.pid)) {
      throw new ResultsFolderError(
        `${dir} is being written by process ${owner.pid} (started ${owner.startedAt}); ` +
          'wait for it to finish or stop it, then run again',
      );
    }
    if (owner !== undefined && owner.host !== me.host && !force) {
      throw new ResultsFolderError(
        `${dir} is locked by process ${owner.pid} on host ${owner.host} (started ` +
          `${owner.startedAt}); if that run is over, add --force, or delete ${file}`,
      );
    }
    await rm(file, { force: true });
  }
  throw new ResultsFolderError(`${dir}: could not take the lock ${file}; another run is starting`);
}

function holding(file: string): FolderLock {
  // Released on every exit path, including process.exit from a signal handler.
  const onExit = (): void => rmSync(file, { force: true });
  process.once('exit', onExit);
  return {
    release: async () => {
      process.off('exit', onExit);
      await rm(file, { force: true });
    },
  };
}

async function readOwner(file: string): Promise<LockOwner | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as LockOwner;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The owner of a folder's lock when it is a live process of this host, else undefined. */
export function liveLocalOwner(dir: string): LockOwner | undefined {
  const owner = lockOwner(dir);
  if (owner === undefined || owner.host !== hostname() || !isAlive(owner.pid)) return undefined;
  return owner;
}

/** For tests and tools: the current owner of a folder's lock, if any. */
export function lockOwner(dir: string): LockOwner | undefined {
  try {
    return JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8')) as LockOwner;
  } catch {
    return undefined;
  }
}
