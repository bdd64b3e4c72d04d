/**
 * Demo data: each service may keep a seed in `services/<service>/demo/seed.ts` (exporting
 * `seed`, see `DemoSeed` in the contracts); this finds them by that convention and runs
 * them through the HTTP API, each after the services it names in `after`, waiting for the
 * events of one to land before the next.
 *
 * They run when no seed reports its data `present` (membership's: the tree has a unit), or
 * when an earlier run stopped half way (`seed.json` in the data folder says so); seeds are
 * safe to run again, so an interrupted demo is finished, never duplicated.
 */

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { DemoSeed, DemoSeedContext, ServiceManifest } from '@congdoan/contracts';
import { MANIFESTS, seedEntry } from '@congdoan/registry';
import type { IssuedToken, TokenRequest } from './tokens.ts';

export interface SeedTarget {
  url: string;
  issueToken(request: TokenRequest): Promise<IssuedToken>;
  drain(options?: { timeoutMs?: number }): Promise<void>;
  /** The services running; default every manifest of the registry. */
  manifests?: readonly ServiceManifest[];
}

export interface SeedOptions {
  log?: (line: string) => void;
  /** `seed.json` in the data folder: whether a seed started and finished. */
  marker?: string | null;
  /** Only these services' seeds (each with those it runs after); default every running service's. */
  services?: readonly string[];
}

export interface SeedResult {
  seeded: boolean;
  /** The services whose seeds ran, in order. */
  services: string[];
  /** What the seeds returned, e.g. membership's units by code. */
  ids: Record<string, string>;
}

export interface ServiceSeed {
  service: string;
  seed: DemoSeed;
}

/** The seeds of the given services, in an order where each comes after those it names in `after` (checked: no cycle, none missing). */
export async function findSeeds(services: readonly string[]): Promise<ServiceSeed[]> {
  const found: ServiceSeed[] = [];
  for (const service of services) {
    const file = seedEntry(service);
    if (!file) continue;
    const module = (await import(pathToFileURL(file).href)) as { seed?: Partial<DemoSeed> };
    if (typeof module.seed?.run !== 'function') throw new Error(`${file} does not export a DemoSeed named "seed"`);
    found.push({ service, seed: module.seed as DemoSeed });
  }
  return inOrder(found);
}

function inOrder(seeds: readonly ServiceSeed[]): ServiceSeed[] {
  const ordered: ServiceSeed[] = [];
  const visiting = new Set<string>();
  const visit = (s: ServiceSeed) => {
    if (ordered.includes(s)) return;
    if (visiting.has(s.service)) throw new Error(`demo seeds wait on each other in a cycle through ${s.service}`);
    visiting.add(s.service);
    for (const before of s.seed.after ?? []) {
      const first = seeds.find((x) => x.service === before);
      if (!first) throw new Error(`${s.service}'s demo seed runs after ${before}'s, which is not running`);
      visit(first);
    }
    ordered.push(s);
  };
  for (const s of seeds) visit(s);
  return ordered;
}

/** Runs every running service's demo seed when the demo is not there yet; then waits for the events to land. */
export async function seedDemoData(target: SeedTarget, options: SeedOptions = {}): Promise<SeedResult> {
  const log = options.log ?? (() => {});
  const seeds = await findSeeds(options.services ?? (target.manifests ?? MANIFESTS).map((m) => m.service));
  const { token } = await target.issueToken({ roles: ['admin'], subject: 'seed', unitId: null });
  const ids: Record<string, string> = {};
  const context: DemoSeedContext = { url: target.url, token, drain: () => target.drain(), log, ids };

  const interrupted = options.marker ? readMarker(options.marker) === 'started' : false;
  if (!interrupted) {
    for (const { seed } of seeds) {
      if (await seed.present?.(context)) return { seeded: false, services: [], ids: {} };
    }
  }
  if (options.marker) writeMarker(options.marker, 'started');
  // Each seed starts once those it names in `after` are done, so seeds that do not wait on
  // each other (inspection's and welfare's, say) run at the same time.
  const runs = new Map<string, Promise<void>>();
  const run = (s: ServiceSeed): Promise<void> => {
    let running = runs.get(s.service);
    if (!running) {
      running = (async () => {
        await Promise.all((s.seed.after ?? []).map((name) => run(seeds.find((x) => x.service === name)!)));
        Object.assign(ids, await s.seed.run(context));
        await target.drain();
        log(`seed: ${s.service} done`);
      })();
      runs.set(s.service, running);
    }
    return running;
  };
  await Promise.all(seeds.map(run));
  if (options.marker) writeMarker(options.marker, 'done');
  return { seeded: true, services: seeds.map((s) => s.service), ids };
}

function readMarker(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as { status?: string }).status;
  } catch {
    return undefined;
  }
}

function writeMarker(path: string, status: 'started' | 'done'): void {
  writeFileSync(path, `${JSON.stringify({ status, at: new Date().toISOString() })}\n`, { mode: 0o600 }); // private-files.ts
}
