import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HandlerRef, ServiceManifest } from '@congdoan/contracts';
import { manifest as finance } from '@congdoan/finance/manifest';
import { manifest as membership } from '@congdoan/membership/manifest';

/** Every service of the product. CDK, the local platform, OpenAPI and the contract tests all start here. */
export const MANIFESTS: readonly ServiceManifest[] = [membership, finance];

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The TypeScript source of a handler, for bundling (CDK, bench) or importing (local platform). */
export function handlerEntry(manifest: ServiceManifest, ref: HandlerRef): string {
  return join(repoRoot, 'services', manifest.service, 'src', 'handlers', `${ref.file}.ts`);
}

export { repoRoot };
