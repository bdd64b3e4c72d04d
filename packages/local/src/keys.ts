/**
 * The local stand-in for the manifests' KMS keys (`ServiceManifest.keys`): 32 random bytes per
 * key, handed to the functions as `keyEnvVars(service, key).localKey` in base64. With a data
 * folder the key is kept there (`keys/<service>-<key>.key`, 0600) and read again on every start,
 * since what it sealed opens with it alone; without one (tests) each platform gets a fresh key.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { keyEnvVars, type ServiceManifest } from '@congdoan/contracts';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './private-files.ts';

const KEY_BYTES = 32;

/** Where a manifest key is kept in the data folder. */
export const localKeyFile = (dataDir: string, service: string, key: string): string =>
  join(dataDir, 'keys', `${service}-${key}.key`);

/** The key kept at `path`, made (and written, owner-only) on first use; a fresh one when `path` is null. */
export function loadOrCreateLocalKey(path: string | null): Buffer {
  if (!path) return randomBytes(KEY_BYTES);
  if (existsSync(path)) {
    const text = readFileSync(path, 'utf8').trim();
    const key = Buffer.from(text, 'base64');
    if (key.length !== KEY_BYTES || key.toString('base64') !== text) {
      throw new Error(
        `${path} does not hold a ${KEY_BYTES}-byte key in base64: put back the file it was (what it sealed opens with it alone), or delete the data folder to start afresh`,
      );
    }
    return key;
  }
  mkdirSync(dirname(path), { recursive: true, mode: PRIVATE_DIR_MODE });
  const key = randomBytes(KEY_BYTES);
  // `wx`: never overwrite a key another start wrote meanwhile.
  writeFileSync(path, `${key.toString('base64')}\n`, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  return key;
}

/** The environment that gives every manifest key to the functions: `{ INSPECTION_IDENTITY_KEY: <base64> }`. */
export function localKeyEnvironment(
  manifests: readonly ServiceManifest[],
  dataDir: string | null,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const manifest of manifests) {
    for (const key of manifest.keys ?? []) {
      const path = dataDir ? localKeyFile(dataDir, manifest.service, key.name) : null;
      env[keyEnvVars(manifest.service, key.name).localKey] = loadOrCreateLocalKey(path).toString('base64');
    }
  }
  return env;
}
