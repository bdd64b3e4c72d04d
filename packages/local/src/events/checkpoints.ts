import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../private-files.ts';

/** Where each shard was read up to: the sequence number of its last processed record. */
export interface CheckpointStore {
  get(shardId: string): string | undefined;
  set(shardId: string, sequenceNumber: string): Promise<void>;
}

/**
 * A checkpoint store kept in a JSON file, written atomically (temporary file, then rename),
 * so a crash leaves either the old or the new checkpoints, never half a file. `null` keeps
 * them in memory. Writes are coalesced: `set` resolves once a write holding its value is on disk.
 */
export async function fileCheckpointStore(path: string | null): Promise<CheckpointStore> {
  const state: Record<string, string> = path ? load(path) : {};
  if (!path) {
    return {
      get: (shardId) => state[shardId],
      async set(shardId, sequenceNumber) {
        state[shardId] = sequenceNumber;
      },
    };
  }
  mkdirSync(dirname(path), { recursive: true, mode: PRIVATE_DIR_MODE });
  const tmp = `${path}.${process.pid}.tmp`;
  let queued: Promise<void> | undefined;
  let last: Promise<void> = Promise.resolve();
  return {
    get: (shardId) => state[shardId],
    set(shardId, sequenceNumber) {
      state[shardId] = sequenceNumber;
      if (!queued) {
        const write = last.then(async () => {
          queued = undefined; // later sets need a later write: this one may already have read the state
          await writeFile(tmp, `${JSON.stringify(state, null, 2)}\n`, { encoding: 'utf8', mode: PRIVATE_FILE_MODE });
          await rename(tmp, path);
        });
        queued = write;
        last = write.catch(() => {});
      }
      return queued;
    },
  };
}

function load(path: string): Record<string, string> {
  if (!existsSync(path)) return {};
  const text = readFileSync(path, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `stream checkpoint file ${path} is not valid JSON; delete it to re-read the streams from the start`,
      {
        cause: error,
      },
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`stream checkpoint file ${path} must hold a JSON object`);
  }
  const state: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) if (typeof value === 'string') state[key] = value;
  return state;
}
