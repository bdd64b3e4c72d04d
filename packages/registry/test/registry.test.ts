import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverManifests, handlerEntry, MANIFESTS, repoRoot, seedEntry, serviceNames } from '../src/index.ts';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A repository of its own with the given files, e.g. `services/zeta/src/manifest.ts`. */
function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'registry-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const manifestOf = (service: string) =>
  `export const manifest = { service: '${service}', table: {}, http: { file: 'http', export: 'handler' }, routes: [], subscriptions: [], schedules: [], publishes: [] };\n`;

describe('the registry', () => {
  it('holds every service folder with a manifest, membership first, as nothing lists them', () => {
    const folders = readdirSync(join(repoRoot, 'services'), { withFileTypes: true }).filter((d) => d.isDirectory());
    expect(MANIFESTS.map((m) => m.service)).toEqual(serviceNames());
    expect([...serviceNames()].sort()).toEqual(folders.map((d) => d.name).sort());
    expect(serviceNames()[0]).toBe('membership');
    expect(serviceNames()).toContain('finance');
  });

  it('discovers a new service from its folder alone, in the order of the ServiceName union', async () => {
    const root = repo({
      'services/welfare/src/manifest.ts': manifestOf('welfare'),
      'services/inspection/src/manifest.ts': manifestOf('inspection'),
      'services/zeta/src/manifest.ts': manifestOf('zeta'),
      'services/notes/README.md': 'not a service: no manifest\n',
    });
    expect(serviceNames(root)).toEqual(['welfare', 'inspection', 'zeta']);
    expect((await discoverManifests(root)).map((m) => m.service)).toEqual(['welfare', 'inspection', 'zeta']);
    expect(await discoverManifests(repo({}))).toEqual([]);
  });

  it('refuses a manifest named unlike its folder, or a module without one', async () => {
    await expect(
      discoverManifests(repo({ 'services/welfare/src/manifest.ts': manifestOf('emulation') })),
    ).rejects.toThrow(/declares service "emulation"; its folder is services\/welfare\//);
    await expect(
      discoverManifests(repo({ 'services/welfare/src/manifest.ts': 'export const routes = [];\n' })),
    ).rejects.toThrow(/does not export a service manifest named "manifest"/);
  });

  it('finds a service’s handlers under src/handlers and its demo seed under demo/', () => {
    expect(handlerEntry({ service: 'membership' }, { file: 'http', export: 'handler' })).toBe(
      join(repoRoot, 'services', 'membership', 'src', 'handlers', 'http.ts'),
    );
    expect(seedEntry('finance')).toBe(join(repoRoot, 'services', 'finance', 'demo', 'seed.ts'));
    expect(seedEntry('welfare')).toBe(join(repoRoot, 'services', 'welfare', 'demo', 'seed.ts'));
    // A service folder without demo/seed.ts has none.
    const root = mkdtempSync(join(tmpdir(), 'registry-'));
    mkdirSync(join(root, 'services', 'quiet', 'src'), { recursive: true });
    expect(seedEntry('quiet', root)).toBeUndefined();
    rmSync(root, { recursive: true, force: true });
  });
});
