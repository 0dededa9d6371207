/**
 * Private nats-servers left behind by a lab that crashed (a killed app cannot stop its children): each
 * server's folder names the lab process that owns it, and the next private server stops those whose
 * owner is gone. A pid is trusted only when that process is still the nats-server started with that
 * folder's configuration (Linux /proc), so a recycled pid is never killed.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Prefix of a private server's temporary folder. */
export const SERVER_DIR_PREFIX = 'concurrency-lab-nats-';
const OWNER_FILE = 'owner.json';

/** Records which lab process owns a server folder, and the server's pid. */
export async function recordOwner(dir: string, serverPid: number | undefined): Promise<void> {
  await writeFile(
    join(dir, OWNER_FILE),
    JSON.stringify({ labPid: process.pid, serverPid: serverPid ?? null }),
    {
      mode: 0o600,
    },
  );
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function isServerOf(pid: number, configPath: string): Promise<boolean> {
  try {
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').includes(configPath);
  } catch {
    return false;
  }
}

/** Stops the servers of labs that are gone and removes their folders; returns how many it stopped. */
export async function sweepOrphanedServers(tempRoot: string): Promise<number> {
  if (process.platform !== 'linux') return 0;
  let stopped = 0;
  const entries = await readdir(tempRoot).catch(() => [] as string[]);
  for (const name of entries) {
    if (!name.startsWith(SERVER_DIR_PREFIX)) continue;
    const dir = join(tempRoot, name);
    let owner: { labPid?: unknown; serverPid?: unknown };
    try {
      owner = JSON.parse(await readFile(join(dir, OWNER_FILE), 'utf8')) as typeof owner;
    } catch {
      continue; // being made right now, or not ours
    }
    if (typeof owner.labPid !== 'number' || alive(owner.labPid)) continue;
    const serverPid = owner.serverPid;
    if (typeof serverPid === 'number' && (await isServerOf(serverPid, join(dir, 'nats-server.json')))) {
      process.kill(serverPid, 'SIGKILL');
      stopped++;
    }
    if (existsSync(dir)) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
  return stopped;
}
