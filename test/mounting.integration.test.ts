import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defineManifest, tableEnvVar } from '@congdoan/contracts';
import { lambdaSpecs } from '@congdoan/infra';
import { createMemberDirectory } from '@congdoan/member-directory';
import { orgDirectory } from '@congdoan/org-directory/manifest';
import { handlerEntry, repoRoot } from '@congdoan/registry';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLE_FILE, bundle } from '../scripts/bundle.ts';
import { busEvent } from './support/bus-events.ts';
import { admittedMember } from './support/states.ts';
import { freshTable } from './support/tables.ts';
import { directoryOnlyManifest } from './support/test-services.ts';

const outdir = mkdtempSync(join(tmpdir(), 'mounted-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('a directory mounted with one manifest line', () => {
  it('becomes the service’s own functions, built from the package’s handler module', () => {
    const specs = lambdaSpecs(directoryOnlyManifest);
    expect(specs.map((s) => [s.id, s.kind, s.entry])).toEqual([
      ['welfare-org-directory', 'subscription', join(repoRoot, 'packages', 'org-directory', 'src', 'handler.ts')],
      ['welfare-member-directory', 'subscription', join(repoRoot, 'packages', 'member-directory', 'src', 'handler.ts')],
    ]);
    expect(handlerEntry({ service: 'finance' }, orgDirectory()[0]!.handler)).toBe(specs[0]!.entry);
  });

  it('is refused when mounted twice, and when the service cannot resolve the package', () => {
    expect(() =>
      defineManifest({
        ...directoryOnlyManifest,
        subscriptions: [...orgDirectory(), ...directoryOnlyManifest.subscriptions],
      }),
    ).toThrow(/two subscriptions are named "org-directory"/);
    expect(() =>
      handlerEntry(
        { service: 'welfare' },
        { package: '@congdoan/no-such-directory', file: 'handler', export: 'handler' },
      ),
    ).toThrow(/welfare mounts @congdoan\/no-such-directory\/handler, which it cannot resolve/);
  });

  it('runs bundled as in AWS: the service from POWERTOOLS_SERVICE_NAME, its table from the environment', async () => {
    const spec = lambdaSpecs(directoryOnlyManifest).find((s) => s.id === 'welfare-member-directory')!;
    const out = await bundle(spec.entry, spec.id, join(outdir, spec.id));
    const db = await freshTable('welfare');
    const member = admittedMember('unit-lambda', '2005-05-19');
    const eventFile = join(outdir, 'event.json');
    writeFileSync(
      eventFile,
      JSON.stringify(
        busEvent('congdoan.membership', 'MemberAdmitted', { member }, { occurredAt: '2005-05-19T03:00:00Z' }),
      ),
    );
    const invoke = (env: Record<string, string>) =>
      spawnSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const { ${spec.handler.export}: handler } = await import(${JSON.stringify(pathToFileURL(join(out.outdir, BUNDLE_FILE)).href)});
           const { readFileSync } = await import('node:fs');
           await handler(JSON.parse(readFileSync(${JSON.stringify(eventFile)}, 'utf8')), {});`,
        ],
        {
          encoding: 'utf8',
          env: {
            PATH: process.env.PATH,
            AWS_REGION: 'ap-southeast-1',
            AWS_ACCESS_KEY_ID: 'local',
            AWS_SECRET_ACCESS_KEY: 'local',
            DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT,
            POWERTOOLS_LOG_LEVEL: 'SILENT',
            [tableEnvVar('welfare')]: db.tableName,
            ...env,
          },
        },
      );

    const unnamed = invoke({});
    expect(unnamed.status).not.toBe(0);
    expect(unnamed.stderr).toMatch(/POWERTOOLS_SERVICE_NAME is not set/);

    const run = invoke({ POWERTOOLS_SERVICE_NAME: 'welfare' });
    expect(run.status, run.stderr).toBe(0);
    expect(await createMemberDirectory(db).getMember(member.id)).toMatchObject({
      id: member.id,
      unitId: 'unit-lambda',
      status: 'active',
    });
  });
});
