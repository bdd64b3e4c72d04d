/**
 * `npm run bench -- emulation-statistics`: what emulation's annual statistics of a province cost
 * on DynamoDB Local (docs/emulation.md, "Honour rolls and statistics"). Three provinces in one
 * table: A with R/10 deed registrations and M/10 nominations, B with the same tree and R and M,
 * C with twice the units below its root and R/10 and M/10. The registrations, nominations, awards
 * and the counters their transactions keep (registration totals, honours statistics: summed here
 * with the service's own delta functions and keys) are written straight into the table
 * (BatchWriteItem); the statistics run through the real use case and adapters, with every
 * DynamoDB call counted and its consumed capacity asked for. The figure: A and B cost the same
 * reads, C more; beside them, what reading the registrations and nominations would cost.
 *
 *   BENCH_STATS_REGISTRATIONS=10000   R (the province: 100000)
 *   BENCH_STATS_NOMINATIONS=500       M (the province: 5000)
 *   BENCH_STATS_UPPERS=5              units directly below the root of A and B (C: twice)
 *   BENCH_STATS_CDCS=5                CĐCS below each upper level
 */
import { randomUUID } from 'node:crypto';
import type { Unit } from '@congdoan/contracts';
import { type Db, systemContext } from '@congdoan/ddb';
import { applyUnitSnapshot } from '@congdoan/org-directory';
import { directoryUnits } from '../services/emulation/src/adapters/directory.ts';
import {
  awardKey,
  honourStatsKey,
  movementRegistrationsIndex,
  nominationKey,
  registrationKey,
  totalsPk,
  totalsSk,
  unitHonoursIndex,
  unitNominationsIndex,
} from '../services/emulation/src/adapters/keys.ts';
import { createHonourRolls, createStatsStore } from '../services/emulation/src/adapters/stats-store.ts';
import { unitStatistics } from '../services/emulation/src/app/honours.ts';
import type { EmulationDeps } from '../services/emulation/src/app/ports.ts';
import { awardDelta, type StatsDelta, sumCounters, titleOfAward } from '../services/emulation/src/domain/honours.ts';
import { confirmationDelta, registrationDelta, sumTotals } from '../services/emulation/src/domain/movement.ts';
import { depsOn } from '../services/emulation/test/app/world.ts';
import { unitState } from '../test/support/states.ts';
import { table } from './stats.ts';
import { batchWrite, byOperation, onDynamoDbLocal, since, snapshot, total } from './support.ts';

const R = Number(process.env.BENCH_STATS_REGISTRATIONS ?? 10_000);
const M = Number(process.env.BENCH_STATS_NOMINATIONS ?? 500);
const UPPERS = Number(process.env.BENCH_STATS_UPPERS ?? 5);
const CDCS = Number(process.env.BENCH_STATS_CDCS ?? 5);
const YEAR = 2026;
const STAMP = '2026-03-01T03:00:00.000Z';

/** The DynamoDB size of an item, roughly: its JSON, as DynamoDB counts bytes. */
const sizeOf = (item: unknown) => Buffer.byteLength(JSON.stringify(item));
/** Eventually consistent read units of `bytes` read by Queries (4 KB a half unit). */
const queryRcu = (bytes: number) => Math.ceil(bytes / 4096) / 2;

// ---------------------------------------------------------------------------
// Consumed capacity and items read, asked of every read the use case makes.

let capacity = 0;
let itemsRead = 0;
function measureReads(db: Db): void {
  db.raw.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity = 'TOTAL';
      const out = await next(args);
      const output = out.output as {
        ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[];
        Count?: number;
        Item?: unknown;
      };
      const consumed = output.ConsumedCapacity;
      for (const c of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) capacity += c.CapacityUnits ?? 0;
      itemsRead += output.Count ?? (output.Item ? 1 : 0);
      return out;
    },
    { step: 'initialize', name: 'benchConsumedCapacity' },
  );
}

// ---------------------------------------------------------------------------

interface Province {
  label: string;
  root: string;
  uppers: number;
  registrations: number;
  nominations: number;
}

/** The tree of a province: the root, its upper levels, their CĐCS; the CĐCS with their chains. */
async function tree(db: Db, p: Province): Promise<{ units: number; cdcs: { id: string; chain: string[] }[] }> {
  const ctx = systemContext('bench');
  const put = (id: string, parentId: string | null, level: Unit['level']) =>
    applyUnitSnapshot(db, unitState({ id, parentId, level, code: id.toUpperCase(), name: `Đơn vị ${id}` }), ctx);
  await put(p.root, null, 'province');
  const cdcs: { id: string; chain: string[] }[] = [];
  for (let u = 0; u < p.uppers; u++) {
    const upper = `${p.root}-u${u}`;
    await put(upper, p.root, 'upper');
    for (let c = 0; c < CDCS; c++) {
      const id = `${upper}-c${c}`;
      await put(id, upper, 'grassroots');
      cdcs.push({ id, chain: [id, upper, p.root] });
    }
  }
  return { units: 1 + p.uppers * (1 + CDCS), cdcs };
}

/** The rows a province holds, and the counters the transactions writing them would have kept. */
async function seed(db: Db, p: Province) {
  const { units, cdcs } = await tree(db, p);
  const movementId = randomUUID();
  const totals = new Map<string, StatsDelta>();
  const stats = new Map<string, StatsDelta>();
  const add = (map: Map<string, StatsDelta>, unitId: string, delta: StatsDelta) =>
    map.set(unitId, sumCounters([map.get(unitId) ?? {}, delta]));

  const registrations = Array.from({ length: p.registrations }, (_, n) => {
    const unit = cdcs[n % cdcs.length]!;
    const id = randomUUID();
    const count = (n % 5) + 1;
    const confirmed = n % 3 === 0;
    const registeredOn = `${YEAR}-${String((n % 6) + 1).padStart(2, '0')}-${String((n % 28) + 1).padStart(2, '0')}`;
    const delta = { ...registrationDelta({ kind: 'deeds', deeds: { count, description: '', done: null } }) };
    for (const u of unit.chain) {
      add(totals, u, delta as StatsDelta);
      if (confirmed) add(totals, u, confirmationDelta(count) as StatsDelta);
    }
    return {
      ...registrationKey(id),
      ...movementRegistrationsIndex(movementId, registeredOn, id),
      kind: 'registration',
      id,
      movementId,
      registrationKind: 'deeds',
      registrant: { kind: 'member', memberId: `m-${n}` },
      unitId: unit.id,
      registeredOn,
      titleCode: null,
      commitment: null,
      deeds: {
        count,
        description: 'Tiết kiệm điện, giấy trong cơ quan; giúp đỡ đồng nghiệp khó khăn',
        done: confirmed ? { count, on: registeredOn } : null,
      },
      status: confirmed ? 'confirmed' : 'registered',
      createdAt: STAMP,
      version: confirmed ? 2 : 1,
    };
  });

  // Nominations, every other one decided: its award in the recipient's partition and the unit's roll.
  const nominations: Record<string, unknown>[] = [];
  const awards: Record<string, unknown>[] = [];
  for (let n = 0; n < p.nominations; n++) {
    const unit = cdcs[n % cdcs.length]!;
    const id = randomUUID();
    const collective = n % 4 === 3;
    const titleCode = collective ? 'tap-the-lao-dong-tien-tien' : 'lao-dong-tien-tien';
    const candidate = collective
      ? { kind: 'unit' as const, unitId: unit.id }
      : { kind: 'member' as const, memberId: `m-${n}` };
    const decided = n % 2 === 0;
    const decision = { number: `${n}/QĐ-CĐ`, date: `${YEAR}-11-20` };
    nominations.push({
      ...nominationKey(id),
      ...unitNominationsIndex(unit.id, YEAR, id),
      kind: 'nomination',
      id,
      proposingUnitId: unit.id,
      titleCode,
      year: YEAR,
      candidate,
      candidateUnitId: unit.id,
      absence: null,
      achievements: 'Hoàn thành tốt nhiệm vụ; tham gia đầy đủ các phong trào thi đua',
      initiativeIds: [],
      status: decided ? 'decided' : 'proposed',
      council: null,
      decision: decided ? { ...decision, decidingUnitId: unit.chain[1], awardId: id, prize: null } : null,
      createdAt: STAMP,
      version: decided ? 3 : 1,
    });
    if (!decided) continue;
    const recipient = candidate.kind === 'unit' ? candidate : { kind: 'member' as const, memberId: candidate.memberId };
    awards.push({
      ...awardKey(recipient, YEAR, titleCode),
      ...unitHonoursIndex(unit.id, YEAR, collective ? 'collective' : 'individual', titleCode, id),
      kind: 'award',
      id,
      titleCode,
      year: YEAR,
      recipient: candidate,
      unitId: unit.id,
      unitName: `Đơn vị ${unit.id}`,
      decision,
      recordedAt: STAMP,
    });
    const title = titleOfAward(titleCode, decision.date)!;
    for (const u of unit.chain) add(stats, u, awardDelta(title, collective ? 1_880_000 : 710_000));
  }

  const counterItems = [
    ...[...totals].map(([unitId, t]) => ({
      pk: totalsPk(unitId),
      sk: totalsSk(null, YEAR),
      kind: 'registration-totals',
      unitId,
      year: YEAR,
      movementId: null,
      ...t,
    })),
    ...[...stats].map(([unitId, s]) => ({
      ...honourStatsKey(unitId, YEAR),
      kind: 'honour-stats',
      unitId,
      year: YEAR,
      ...s,
    })),
  ];
  await batchWrite(db, [...registrations, ...nominations, ...awards, ...counterItems], 8);
  const rowBytes = [...registrations, ...nominations].reduce((s, i) => s + sizeOf(i), 0);
  const expected = sumTotals([totals.get(p.root) ?? {}]);
  return { units, rowBytes, expected, decided: awards.length };
}

async function run(db: Db, deps: EmulationDeps, p: Province): Promise<string[]> {
  const { units, rowBytes, expected, decided } = await seed(db, p);
  capacity = 0;
  itemsRead = 0;
  const before = snapshot();
  const t = performance.now();
  const s = await unitStatistics(deps, { unitId: null }, p.root, YEAR);
  const ms = performance.now() - t;
  const calls = since(before);
  const value = (code: string) => s.figures.find((f) => f.code === code)?.value ?? 0;
  if (value('deeds-registered') !== expected.deedsRegistered || value('deed-registrations') !== p.registrations)
    throw new Error(`${p.label}: the statistics did not count every registration`);
  if (value('individual-awards') + value('collective-awards') !== decided)
    throw new Error(`${p.label}: the statistics did not count every award`);
  return [
    p.label,
    String(units),
    String(p.uppers),
    String(p.registrations),
    String(p.nominations),
    String(total(calls)),
    byOperation(calls),
    String(itemsRead),
    capacity.toFixed(1),
    ms.toFixed(0),
    String(p.registrations + p.nominations),
    String(queryRcu(rowBytes)),
  ];
}

export async function emulationStatisticsBench(): Promise<void> {
  await onDynamoDbLocal('emulation', 'bench-emulation', 'ap-southeast-1', async (db) => {
    measureReads(db);
    const deps: EmulationDeps = {
      ...depsOn(db, []),
      units: directoryUnits(db),
      stats: createStatsStore(db),
      honourRolls: createHonourRolls(db),
    };
    const provinces: Province[] = [
      { label: 'A', root: 'pa', uppers: UPPERS, registrations: Math.round(R / 10), nominations: Math.round(M / 10) },
      { label: 'B', root: 'pb', uppers: UPPERS, registrations: R, nominations: M },
      {
        label: 'C',
        root: 'pc',
        uppers: UPPERS * 2,
        registrations: Math.round(R / 10),
        nominations: Math.round(M / 10),
      },
    ];
    const rows = [];
    for (const p of provinces) rows.push(await run(db, deps, p));
    console.log(
      `\nA province's statistics of a year (GET /v1/emulation/units/{id}/statistics/{year}), on DynamoDB Local\n`,
    );
    console.log(
      table([
        [
          'province',
          'units',
          'below root',
          'deed registrations',
          'nominations',
          'calls',
          'by operation',
          'items read',
          'RCU (consumed)',
          'ms',
          'rows if read instead',
          '≈ RCU of those',
        ],
        ...rows,
      ]),
    );
    console.log(
      '\nA → B: ten times the registrations and nominations, the same reads. A → C: twice the units below the root, two more Queries per unit.\n',
    );
  });
}
