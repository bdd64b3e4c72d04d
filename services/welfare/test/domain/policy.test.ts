import type { FundMovement } from '@congdoan/contracts';
import { SUPPORT_CASE_TYPES } from '@congdoan/contracts';
import { describe, expect, it } from 'vitest';
import {
  checkMovement,
  checkMovementDate,
  movementRequestId,
  postingRequestOf,
  requestIdParts,
} from '../../src/domain/fund.ts';
import { CAP_POLICIES, capPolicyOn, capsFor, FUND_KIND_POLICIES } from '../../src/domain/policy.ts';

describe('cap policy', () => {
  it('knows Tết 2026 (KH 34/KH-TLĐ, sure) within the plan’s span only', () => {
    expect(capPolicyOn('tet', '2026-01-20').perOccasion).toMatchObject({ amount: 1_300_000, certainty: 'sure' });
    expect(capPolicyOn('tet', '2025-11-30').perOccasion.amount).toBeNull();
    expect(capPolicyOn('tet', '2026-04-01').perOccasion).toMatchObject({ amount: null, certainty: 'unsure' });
  });

  it('knows the hardship cap from 1/8/2024 (QĐ 1411, likely), and no yearly cap', () => {
    expect(capPolicyOn('sudden-hardship', '2024-07-31').perOccasion.amount).toBeNull();
    const from = capPolicyOn('sudden-hardship', '2024-08-01');
    expect(from.perOccasion).toMatchObject({ amount: 2_000_000, certainty: 'likely' });
    expect(from.perOccasion.source).toContain('1411');
    expect(from.perMemberYear).toMatchObject({ amount: null, certainty: 'unsure' });
  });

  it('has a rule for every type on every day, each with a source', () => {
    for (const type of SUPPORT_CASE_TYPES) {
      for (const day of ['2001-01-01', '2024-08-01', '2026-02-17', '2030-12-31']) {
        const p = capPolicyOn(type, day);
        expect(p.perOccasion.source.length).toBeGreaterThan(0);
      }
    }
    expect(CAP_POLICIES.every((p) => p.perMemberYear.source.length > 0)).toBe(true);
  });

  it('lets a fund replace a cap, or lift it with null', () => {
    expect(capsFor({ tet: { perOccasion: 500_000 } }, 'tet', '2026-01-20').perOccasion).toMatchObject({
      amount: 500_000,
      source: 'the fund’s own setting',
    });
    expect(capsFor({ tet: { perOccasion: null } }, 'tet', '2026-01-20').perOccasion.amount).toBeNull();
    expect(capsFor({ tet: { perOccasion: 500_000 } }, 'tet', '2026-01-20').perMemberYear.amount).toBe(1_300_000);
  });

  it('refuses a disbursement above its cap per occasion, and lets others through', () => {
    const disburse = (amount: number) =>
      ({ type: 'disbursement', method: 'cash', amount, memo: 'x', caseType: 'sudden-hardship' }) as const;
    expect(() => checkMovement({ caps: {} }, disburse(2_000_001), '2025-03-01')).toThrow(/2,000,000/);
    expect(() => checkMovement({ caps: {} }, disburse(2_000_000), '2025-03-01')).not.toThrow();
    expect(() =>
      checkMovement({ caps: {} }, { ...disburse(9_000_000), caseType: undefined }, '2025-03-01'),
    ).not.toThrow();
  });
});

describe('a movement’s date', () => {
  it('is not after today, as finance requires', () => {
    expect(() => checkMovementDate('2026-12-05', '2026-12-05')).not.toThrow();
    expect(() => checkMovementDate('2026-12-06', '2026-12-05')).toThrow(/after today/);
  });
});

describe('a movement’s posting request', () => {
  const movement = (type: FundMovement['type'], method: FundMovement['method']): FundMovement => ({
    id: 'm-1',
    fundId: 'f-1',
    unitId: 'u-1',
    type,
    method,
    amount: 420_000,
    date: '2026-03-01',
    memo: 'Ủng hộ',
    caseType: null,
    beneficiaryId: null,
    posting: {
      status: 'pending',
      requestId: movementRequestId('f-1', '2026-03-01T01:00:00.000Z', 'm-1'),
      postingId: null,
      voucherNumber: null,
      reason: null,
    },
    at: '2026-03-01T01:00:00.000Z',
  });
  const lines = (m: FundMovement, kind: 'housing' | 'visits' = 'housing') =>
    postingRequestOf({ kind, name: 'Quỹ' }, m).lines.map((l) => [l.account, l.debit, l.credit]);

  it('follows the fund accounts of finance’s chart', () => {
    expect(lines(movement('receipt', 'cash'))).toEqual([
      ['111', 420_000, 0],
      ['3531', 0, 420_000],
    ]);
    expect(lines(movement('allocation', null), 'visits')).toEqual([
      ['6112', 420_000, 0],
      ['3533', 0, 420_000],
    ]);
    expect(lines(movement('disbursement', 'bank'))).toEqual([
      ['3531', 420_000, 0],
      ['112', 0, 420_000],
    ]);
    expect(postingRequestOf({ kind: 'housing', name: 'Quỹ' }, movement('disbursement', 'cash')).voucher).toBe(
      'payment',
    );
    expect(Object.values(FUND_KIND_POLICIES).map((k) => k.account)).toEqual(['3531', '3532', '3533', '3534', '3535']);
  });

  it('names its movement in its request id, within the contract’s 100 characters', () => {
    const id = movementRequestId(crypto.randomUUID(), new Date().toISOString(), crypto.randomUUID());
    expect(id.length).toBeLessThanOrEqual(100);
    expect(id).toMatch(/^[A-Za-z0-9._:-]+$/);
    expect(requestIdParts('f_2026-03-01T01:00:00.000Z_m')).toEqual({
      fundId: 'f',
      at: '2026-03-01T01:00:00.000Z',
      id: 'm',
    });
    expect(requestIdParts('nope')).toBeUndefined();
  });
});
