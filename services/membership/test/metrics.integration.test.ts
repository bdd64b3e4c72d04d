/**
 * Business metrics from the real membership HTTP function, as Lambda runs it: a request
 * whose commit writes a MemberAdmitted publishes one EMF record (stdout) with
 * MembersAdmitted = 1 and the dimension service = membership; a read publishes none.
 */
import { tableEnvVar } from '@congdoan/contracts';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { adminClaimsOf, httpEvent, lambdaContext } from '../../../packages/http-kit/test/support.ts';
import type { MemberDeps } from '../src/app/members/deps.ts';
import { applyForMembership } from '../src/app/members/lifecycle.ts';
import { handler } from '../src/handlers/http.ts';
import { manifest } from '../src/manifest.ts';
import { world } from './integration/support.ts';
import { person, writeContext } from './support/members.ts';

interface Emf {
  _aws: {
    CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[];
  };
  service: string;
  [metric: string]: unknown;
}

let deps: MemberDeps;
let unitId: string;

beforeAll(async () => {
  const w = await world();
  // The handler finds its table as on Lambda.
  process.env[tableEnvVar('membership')] = w.db.tableName;
  deps = w.deps;
  unitId = w.units.a;
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** A whole-tree admin whose token carries the scopes of the admin's membership routes. */
const admin = adminClaimsOf([manifest]);

/** Calls the handler as the admin and returns its answer and the EMF records it wrote to stdout. */
async function call(input: Parameters<typeof httpEvent>[0]) {
  const written: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  const response = await handler(httpEvent({ claims: admin, ...input }), lambdaContext());
  vi.restoreAllMocks();
  const emf = written
    .flatMap((chunk) => chunk.split('\n'))
    .filter((line) => line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as Emf);
  return { response, emf };
}

describe('membership business metrics', () => {
  it('declares MembersAdmitted in the manifest, counted from MemberAdmitted', () => {
    expect(manifest.metrics).toContainEqual(
      expect.objectContaining({ name: 'MembersAdmitted', countsEvent: 'MemberAdmitted' }),
    );
  });

  it('a request that admits a member publishes MembersAdmitted = 1 for service = membership', async () => {
    const applicant = await applyForMembership(deps, { unitId: null, write: writeContext() }, unitId, {
      ...person(),
      applicationDate: '2020-01-05',
    });
    const { response, emf } = await call({
      method: 'POST',
      path: `/v1/membership/members/${applicant.id}/admit`,
      body: { decisionNumber: '7/QĐ-CĐCS', decisionDate: '2020-02-01' },
    });
    expect(response.statusCode).toBe(200);
    expect(emf).toHaveLength(1);
    expect(emf[0]).toMatchObject({ service: 'membership', MembersAdmitted: 1 });
    expect(emf[0]?._aws.CloudWatchMetrics).toEqual([
      { Namespace: 'Congdoan', Dimensions: [['service']], Metrics: [{ Name: 'MembersAdmitted', Unit: 'Count' }] },
    ]);
  });

  it('a read publishes nothing', async () => {
    const { response, emf } = await call({ method: 'GET', path: `/v1/membership/units/${unitId}` });
    expect(response.statusCode).toBe(200);
    expect(emf).toEqual([]);
  });
});
