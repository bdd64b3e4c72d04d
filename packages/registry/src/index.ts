/**
 * The services of the product, found where they live: every `services/<name>/` whose
 * `src/manifest.ts` exports `manifest`. Nothing here lists them by hand, so a new service
 * is picked up by CDK, the local platform, OpenAPI, the bench and the contract tests as
 * soon as its folder exists. Node tooling only (it reads the file system): a Lambda
 * bundle never imports the registry.
 */
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type HandlerRef, SERVICES, type ServiceManifest } from '@congdoan/contracts';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The folder of a service: `services/<service>/`. */
export function serviceDir(service: string, root: string = repoRoot): string {
  return join(root, 'services', service);
}

/** The module a service keeps under `src/` by convention (`manifest`, `seed`), if it has one. */
export function serviceModule(service: string, name: string, root: string = repoRoot): string | undefined {
  const file = join(serviceDir(service, root), 'src', `${name}.ts`);
  return existsSync(file) ? file : undefined;
}

/** A service's demo seed, `services/<service>/demo/seed.ts`, if it has one: the local platform runs it. */
export function seedEntry(service: string, root: string = repoRoot): string | undefined {
  const file = join(serviceDir(service, root), 'demo', 'seed.ts');
  return existsSync(file) ? file : undefined;
}

/**
 * The names of the service folders that hold a manifest, in the order of the `SERVICES`
 * union (membership first), then any other name alphabetically.
 */
export function serviceNames(root: string = repoRoot): string[] {
  const dir = join(root, 'services');
  if (!existsSync(dir)) return [];
  const rank = (name: string) => {
    const index = (SERVICES as readonly string[]).indexOf(name);
    return index === -1 ? SERVICES.length : index;
  };
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && serviceModule(entry.name, 'manifest', root) !== undefined)
    .map((entry) => entry.name)
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

function isManifest(value: unknown): value is ServiceManifest {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Partial<Record<keyof ServiceManifest, unknown>>;
  return (
    typeof m.service === 'string' &&
    typeof m.table === 'object' &&
    Array.isArray(m.routes) &&
    Array.isArray(m.subscriptions) &&
    Array.isArray(m.schedules) &&
    Array.isArray(m.publishes)
  );
}

/** Imports every service's `src/manifest.ts`; a manifest must be named like its folder. */
export async function discoverManifests(root: string = repoRoot): Promise<ServiceManifest[]> {
  const manifests: ServiceManifest[] = [];
  for (const name of serviceNames(root)) {
    const file = serviceModule(name, 'manifest', root)!;
    const module = (await import(pathToFileURL(file).href)) as { manifest?: unknown };
    if (!isManifest(module.manifest)) throw new Error(`${file} does not export a service manifest named "manifest"`);
    if (module.manifest.service !== name) {
      throw new Error(`${file} declares service "${module.manifest.service}"; its folder is services/${name}/`);
    }
    manifests.push(module.manifest);
  }
  return manifests;
}

/** Every service of the product. CDK, the local platform, OpenAPI and the contract tests all start here. */
export const MANIFESTS: readonly ServiceManifest[] = await discoverManifests();

/**
 * The TypeScript source of a handler, for bundling (CDK, bench) or importing (local platform):
 * `services/<service>/src/handlers/<file>.ts`, or for a package's handler the file its
 * `./<file>` export names, resolved from the service's own dependencies as its code would be.
 */
export function handlerEntry(manifest: Pick<ServiceManifest, 'service'>, ref: HandlerRef): string {
  const dir = serviceDir(manifest.service);
  if (!ref.package) return join(dir, 'src', 'handlers', `${ref.file}.ts`);
  const specifier = `${ref.package}/${ref.file}`;
  try {
    return createRequire(join(dir, 'package.json')).resolve(specifier);
  } catch (error) {
    throw new Error(
      `${manifest.service} mounts ${specifier}, which it cannot resolve: does services/${manifest.service}/package.json depend on ${ref.package}, and does that package export ./${ref.file}?`,
      { cause: error },
    );
  }
}
