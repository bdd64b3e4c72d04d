import { type CollectDuesInput, DuesCollected, dayInVietnam, type Month } from '@congdoan/contracts';
import { event } from '@congdoan/ddb';
import { afterCollection, collectionSplit, planCollection } from '../../domain/dues/collection.ts';
import { expectedDues } from '../../domain/dues/expected.ts';
import { duesTermsIn } from '../../domain/dues/terms.ts';
import type { DuesCollection } from '../../domain/dues/types.ts';
import { ACCOUNT } from '../../domain/ledger/chart.ts';
import type { PostingLine } from '../../domain/ledger/types.ts';
import { owingOnRoster } from '../../domain/roster/roster.ts';
import { displayMonth, onDuesMonth } from './month.ts';
import type { DuesCaller, DuesDeps } from './ports.ts';
import { unitInScope } from './units.ts';

/**
 * Records a dues collection for a unit and month: per member lines, or a batch
 * collecting what everyone owing the month still owes. ONE transaction holds
 * the collection (its lines inside), the month's new state (guarded by its
 * version) and the ledger posting with its receipt voucher: Dr 111/112 the
 * total; Cr 5111 the CĐCS share and Cr 3361 the upper share; and `DuesCollected`,
 * from which the members' dues standing is recomputed. A concurrent
 * collection or posting on the unit reruns the whole read-plan-commit, so none
 * is lost and voucher numbers have no gaps.
 */
export async function collectDues(
  deps: DuesDeps,
  caller: DuesCaller,
  unitId: string,
  month: Month,
  input: CollectDuesInput,
): Promise<DuesCollection> {
  const profile = await unitInScope(deps, caller, unitId);
  const [policy, roster] = await Promise.all([deps.loadPolicy(), deps.roster.unitRoster(unitId)]);
  const terms = duesTermsIn(profile, month);
  const owing = expectedDues(policy, unitId, terms, month, owingOnRoster(roster, unitId, month));
  const today = dayInVietnam(caller.write.now());
  const id = caller.write.newId();
  const allowAdvance = input.allowAdvance ?? false;
  const request = 'batch' in input ? ({ batch: true } as const) : { lines: input.lines };

  return onDuesMonth(deps, unitId, month, async () => {
    const state = await deps.dues.monthState(unitId, month);
    const lines = planCollection({ month, date: input.date, today, allowAdvance, request, owing, state });
    const amount = lines.reduce((t, l) => t + l.amount, 0);
    const split = collectionSplit(policy, month, state, amount);
    const postingId = `dues-collection-${id}`;
    const postingLines: PostingLine[] = [
      { account: input.method === 'cash' ? ACCOUNT.cash : ACCOUNT.bank, debit: amount, credit: 0 },
      ...(split.grassroots > 0 ? [{ account: ACCOUNT.duesIncome, debit: 0, credit: split.grassroots }] : []),
      ...(split.upper > 0 ? [{ account: ACCOUNT.duesPayableUp, debit: 0, credit: split.upper }] : []),
    ];
    const prepared = await deps.ledger.prepare(
      {
        id: postingId,
        unitId,
        date: input.date,
        memo: `Thu đoàn phí tháng ${displayMonth(month)} (${lines.length} đoàn viên)${input.note ? `: ${input.note}` : ''}`.slice(
          0,
          500,
        ),
        lines: postingLines,
        voucher: 'receipt',
        source: { service: 'finance', kind: 'dues-collection', id },
      },
      caller.write,
    );
    const collection: DuesCollection = {
      id,
      unitId,
      month,
      date: input.date,
      method: input.method,
      note: input.note ?? null,
      batch: 'batch' in input,
      allowAdvance,
      lines,
      amount,
      split,
      postingId,
      voucherNumber: prepared.posting.voucherNumber,
      createdAt: caller.write.now().toISOString(),
      createdBy: caller.write.actor.id,
    };
    await deps.dues.saveCollection(
      collection,
      afterCollection(state, lines, split),
      prepared,
      [
        event(DuesCollected, {
          collectionId: id,
          unitId,
          month,
          date: input.date,
          amount,
          members: lines.length,
          postingId,
          voucherNumber: collection.voucherNumber,
        }),
      ],
      caller.write,
    );
    return collection;
  });
}
