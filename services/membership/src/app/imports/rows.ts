import { conflict, DomainError, type MemberInput } from '@congdoan/contracts';
import { dayInVietnam } from '../../domain/calendar.ts';
import { assertMayTakeCccd } from '../../domain/member/lifecycle.ts';
import * as rules from '../../domain/member/member.ts';
import { TEMPLATE_EXAMPLE_CCCDS } from '../../files/template.ts';
import type { MemberStore } from '../member-ports.ts';
import type { MemberDeps } from '../members/deps.ts';
import { type UpsertOutcome, upsertMemberByCccd } from '../members/upsert.ts';
import { type UpsertManyResult, upsertManyByCccd } from '../members/upsert-many.ts';
import type { Caller } from '../units/deps.ts';
import type { ImportRow, StoredRowError } from './model.ts';
import { rowError } from './read-file.ts';

export type RowOutcome = { outcome: UpsertOutcome } | { outcome: 'failed'; errors: StoredRowError[] };

/** The member field each domain rule concerns, so its error lands in that column. */
const FIELD_OF_CODE: Record<string, string> = {
  'invalid-cccd': 'cccd',
  'cccd-in-other-unit': 'cccd',
  'cccd-taken': 'cccd',
  'template-example': 'cccd',
  'applicant-too-young': 'dateOfBirth',
  'implausible-date-of-birth': 'dateOfBirth',
  'party-date-without-membership': 'partyJoinDate',
  'party-date-before-birth': 'partyJoinDate',
  'invalid-dues-salary': 'duesSalary',
  'date-out-of-order': 'applicationDate',
  'date-in-future': 'applicationDate',
  'readmission-required': 'cccd',
};

const masked = (cccd: string) => `${cccd.slice(0, 3)}…${cccd.slice(-3)}`;

/** The same words as `upsertMemberByCccd`, for a dry run that does not call it. */
const inOtherUnit = (cccd: string) =>
  conflict('cccd-in-other-unit', {
    vi: `Số CCCD ${masked(cccd)} đang thuộc đoàn viên của một đơn vị khác. Hãy làm thủ tục chuyển sinh hoạt thay vì nhập lại.`,
    en: `CCCD ${masked(cccd)} belongs to a member of another unit. Transfer them instead of importing again.`,
  });

const templateExample = () =>
  conflict('template-example', {
    vi: 'Đây là dòng ví dụ của tệp mẫu; hãy xóa dòng này trước khi nhập.',
    en: 'This is an example row of the template; delete it before importing.',
  });

export interface RowContext {
  deps: MemberDeps;
  caller: Caller;
  unitId: string;
  letters: Record<string, string>;
  dryRun: boolean;
  /** Recorded as the admission decision of created members: `nhập từ tệp <filename>`. */
  source: string;
}

/**
 * One data row: parse errors fail it as they are; otherwise the member domain decides.
 * A real run upserts by CCCD; a dry run reads the current holder of the CCCD and runs
 * the same rules on it, writing nothing, to say what the real run would do.
 */
export async function processRow(ctx: RowContext, row: ImportRow): Promise<RowOutcome> {
  if (row.errors) return { outcome: 'failed', errors: row.errors };
  const { input, applicationDate } = row;
  try {
    if (TEMPLATE_EXAMPLE_CCCDS.includes(input.cccd)) throw templateExample();
    if (ctx.dryRun) return { outcome: await wouldUpsert(ctx, input, applicationDate) };
    const { outcome } = await upsertMemberByCccd(
      ctx.deps,
      ctx.caller,
      ctx.unitId,
      { ...input, applicationDate },
      { unitChecked: true, source: ctx.source },
    );
    return { outcome };
  } catch (error) {
    return failedRow(ctx, row, error);
  }
}

/** A domain rule's refusal as the row's error, in the column it concerns; anything else is thrown. */
function failedRow(ctx: RowContext, row: ImportRow, error: unknown): RowOutcome {
  if (!(error instanceof DomainError)) throw error;
  const field = FIELD_OF_CODE[error.code] ?? '';
  return {
    outcome: 'failed',
    errors: [rowError(row.row, field, ctx.letters, { code: error.code, vi: error.detail.vi, en: error.detail.en })],
  };
}

/**
 * A page of rows of a real run, with the outcomes `processRow` would give each:
 * through `upsertManyByCccd`, so new members are created in batches of one
 * transaction each. Saves (updates, and creates one by one after a failed batch)
 * pass through one gate, as concurrent writes of one unit would only cancel each
 * other. A failure that is not a domain rule is thrown once the page is done.
 */
export async function processRows(
  ctx: RowContext,
  rows: readonly ImportRow[],
  concurrency: number,
): Promise<RowOutcome[]> {
  const outcomes = new Array<RowOutcome>(rows.length);
  const valid: { at: number; row: ImportRow & { input: MemberInput } }[] = [];
  rows.forEach((row, at) => {
    if (row.errors) outcomes[at] = { outcome: 'failed', errors: row.errors };
    else if (TEMPLATE_EXAMPLE_CCCDS.includes(row.input.cccd)) outcomes[at] = failedRow(ctx, row, templateExample());
    else valid.push({ at, row });
  });
  const gate = new WriteGate();
  const members = Object.create(ctx.deps.members) as MemberStore;
  members.save = async (change, write, events) => {
    const release = await gate.acquire();
    try {
      return await ctx.deps.members.save(change, write, events);
    } finally {
      release();
    }
  };
  const results = await upsertManyByCccd(
    { ...ctx.deps, members },
    ctx.caller,
    ctx.unitId,
    valid.map(({ row }) => ({ ...row.input, applicationDate: row.applicationDate })),
    { unitChecked: true, source: ctx.source, concurrency },
  );
  valid.forEach(({ at, row }, i) => {
    const result = results[i] as UpsertManyResult;
    outcomes[at] = 'error' in result ? failedRow(ctx, row, result.error) : { outcome: result.outcome };
  });
  return outcomes;
}

/** What `upsertMemberByCccd` would do with the row, by the same rules, without writing. */
async function wouldUpsert(
  ctx: RowContext,
  input: MemberInput,
  applicationDate: string | null,
): Promise<UpsertOutcome> {
  const now = ctx.caller.write.now();
  const { holder, lock } = await ctx.deps.members.readCccd(input.cccd);
  if (holder) {
    if (holder.member.unitId !== ctx.unitId) throw inOtherUnit(input.cccd);
    return rules.applyUpdate(holder.member, input, now).changed.length === 0 ? 'unchanged' : 'updated';
  }
  const applied = applicationDate ?? dayInVietnam(now);
  const applicant = rules.newApplication(input, ctx.unitId, 'dry-run', applied, now);
  const admitted = rules.admit(
    applicant,
    { decisionNumber: ctx.source, decisionDate: applied, cardNumber: 'dry-run' },
    now,
  );
  assertMayTakeCccd(lock.lastExit, null, admitted, now);
  return 'created';
}

/**
 * Rows of one job run concurrently, but writes of members of one unit cannot: each
 * touches the unit's member counter, its statistics items and (to create) the card
 * sequence of the year, and DynamoDB cancels concurrent transactions on one item.
 * So reads (the CCCD holder) overlap, and a row holds this gate from its first write
 * step (reading the card sequence, or saving) until the row is done.
 */
export class WriteGate {
  private tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const ready = this.tail.then(() => release);
    this.tail = this.tail.then(() => held);
    return ready;
  }
}

/** The member store as one row sees it: the write steps pass through the gate. */
export function gatedMembers(store: MemberStore, gate: WriteGate): { members: MemberStore; done: () => void } {
  let release: (() => void) | null = null;
  const hold = async () => {
    release ??= await gate.acquire();
  };
  const members = Object.create(store) as MemberStore;
  members.readCardSequence = async (year) => {
    await hold();
    return store.readCardSequence(year);
  };
  members.save = async (change, write, events) => {
    await hold();
    return store.save(change, write, events);
  };
  return {
    members,
    done: () => {
      release?.();
      release = null;
    },
  };
}
