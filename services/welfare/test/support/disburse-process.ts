/**
 * One writer process of the several-process balance test (services/welfare/test/processes.e2e.test.ts):
 * welfare's own composition root, as a separate Lambda instance has it, makes `COUNT` concurrent
 * disbursements of `AMOUNT` from fund `FUND_ID` on the platform's table (`TABLE_WELFARE`,
 * `DYNAMODB_ENDPOINT`), and prints one JSON line: each attempt's movement id or error code.
 * Nothing is shared with the other processes but the table: only its conditions decide.
 */
import { randomUUID } from 'node:crypto';
import { DomainError } from '@congdoan/contracts';
import { recordMovement } from '../../src/app/funds.ts';
import { welfareDeps } from '../../src/handlers/deps.ts';

const fundId = String(process.env.FUND_ID);
const count = Number(process.env.COUNT);
const amount = Number(process.env.AMOUNT);
const caller = {
  unitId: null,
  write: {
    actor: { id: `writer-${process.pid}`, roles: ['welfare-officer' as const], unitId: null },
    correlationId: randomUUID(),
    now: () => new Date(),
    newId: randomUUID,
  },
};

const results = await Promise.all(
  Array.from({ length: count }, (_, i) =>
    recordMovement(welfareDeps(), caller, fundId, {
      type: 'disbursement',
      method: 'cash',
      amount,
      memo: `Chi từ tiến trình ${process.pid}, lần ${i + 1}`,
    }).then(
      (m) => ({ id: m.id }),
      (e: unknown) => ({ error: e instanceof DomainError ? e.code : String(e) }),
    ),
  ),
);
// The SDK's kept-alive sockets would hold the process open.
process.stdout.write(`${JSON.stringify(results)}\n`, () => process.exit(0));
