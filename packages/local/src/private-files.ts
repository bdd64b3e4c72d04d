/**
 * The data folder holds personal data (DynamoDB's database, dead letters with whole events)
 * and the token signing key, so only its owner may read it: the folder and every folder in
 * it are 0700, every file 0600. Writers create their files with `PRIVATE_FILE_MODE`;
 * `ensurePrivateDir` also tightens a folder an earlier version left readable by others.
 */
import { chmodSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
/** For a child process (DynamoDB Local's JVM): what it creates is the owner's only. */
export const PRIVATE_UMASK = 0o077;

/** Creates `dir` (and its parents) if need be, and makes it and everything in it private. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  tighten(dir);
}

function tighten(dir: string): void {
  chmodSync(dir, PRIVATE_DIR_MODE);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) tighten(path);
    else if (entry.isFile()) chmodSync(path, PRIVATE_FILE_MODE);
  }
}
