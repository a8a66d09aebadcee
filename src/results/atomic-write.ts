/**
 * Writes that never leave a half-written file: the content goes to a temporary file in the
 * same folder, is flushed to disk, and then renamed over the target, which is atomic on POSIX
 * file systems. A reader sees the old file or the new one, even if the process is killed.
 */

import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

const TEMP_MARK = '.tmp-';

export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(
    dir,
    `.${path.basename(file)}${TEMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}`,
  );
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Removes temporary files a killed process left behind in `dir`. */
export async function removeStaleTempFiles(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  await Promise.all(
    names
      .filter((name) => name.startsWith('.') && name.includes(TEMP_MARK))
      .map((name) => rm(path.join(dir, name), { force: true })),
  );
}
