import { keyEnvVars } from '@congdoan/contracts';
import type { IdentityCipher, SealedIdentity } from '../app/case-ports.ts';

/** `INSPECTION_IDENTITY_KMS_KEY_ID` (AWS, from CDK) and `INSPECTION_IDENTITY_KEY` (local platform, base64). */
export const IDENTITY_KEY_ENV = keyEnvVars('inspection', 'identity');

/**
 * The one choice of identity cipher, from the environment: a KMS key when
 * `INSPECTION_IDENTITY_KMS_KEY_ID` is set (the HTTP function in AWS), else the local key in
 * `INSPECTION_IDENTITY_KEY` (32 bytes, base64: the local platform and tests). The environment
 * is read on the first seal or reveal, not here, so functions that never touch an identity (the
 * subscriptions and schedules, which AWS gives no key) build their dependencies as before; without
 * either variable that first use fails with an error naming them (never a key). The chosen
 * adapter (and the KMS client) loads then, with `import()`, so a cold start pays for neither.
 */
export function identityCipherFromEnv(env: NodeJS.ProcessEnv = process.env): IdentityCipher {
  let chosen: Promise<IdentityCipher> | undefined;
  const cipher = () => {
    chosen ??= choose(env);
    return chosen;
  };
  return {
    seal: async (caseId: string, plaintext: string) => (await cipher()).seal(caseId, plaintext),
    open: async (caseId: string, sealed: SealedIdentity) => (await cipher()).open(caseId, sealed),
  };
}

async function choose(env: NodeJS.ProcessEnv): Promise<IdentityCipher> {
  const kmsKeyId = env[IDENTITY_KEY_ENV.kmsKeyId]?.trim();
  if (kmsKeyId) return (await import('./kms-identity-cipher.ts')).kmsIdentityCipher(kmsKeyId);
  const localKey = env[IDENTITY_KEY_ENV.localKey]?.trim();
  if (localKey) return (await import('./local-identity-cipher.ts')).localIdentityCipher(decodeLocalKey(localKey));
  throw new Error(
    `No identity key is configured: set ${IDENTITY_KEY_ENV.kmsKeyId} (a KMS key id or ARN, in AWS) or ${IDENTITY_KEY_ENV.localKey} (a 32-byte key in base64, locally).`,
  );
}

/** 32 bytes in standard base64 (44 characters with padding); anything else is refused without echoing it. */
function decodeLocalKey(text: string): Buffer {
  const key = Buffer.from(text, 'base64');
  if (!/^[A-Za-z0-9+/]{43}=$/.test(text) || key.length !== 32) {
    throw new Error(
      `${IDENTITY_KEY_ENV.localKey} must hold a 32-byte key in base64 (44 characters); it holds ${text.length} characters that are not one.`,
    );
  }
  return key;
}
