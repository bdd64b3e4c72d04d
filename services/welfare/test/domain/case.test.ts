import type { SupportCase } from '@congdoan/contracts';
import { describe, expect, it } from 'vitest';
import { maskedFor, STEPS, stepped, windowAround } from '../../src/domain/case.ts';
import { APPROVAL_LIMITS, approvalCheck, CASE_RULES, inForce } from '../../src/domain/case-policy.ts';

const limits = inForce(APPROVAL_LIMITS, '2026-12-05', 'approval limits');

describe('approval limits by amount and level', () => {
  it('lets each level approve up to its limit, and names the lowest level that may above it', () => {
    expect(approvalCheck(limits, 'grassroots', 'grassroots', 5_000_000)).toEqual({ allowed: true, limit: 5_000_000 });
    expect(approvalCheck(limits, 'grassroots', 'grassroots', 5_000_001)).toEqual({
      allowed: false,
      needed: 'upper',
      limit: 5_000_000,
    });
    expect(approvalCheck(limits, 'upper', 'grassroots', 30_000_000)).toMatchObject({ allowed: true });
    expect(approvalCheck(limits, 'upper', 'grassroots', 30_000_001)).toMatchObject({
      allowed: false,
      needed: 'province',
    });
    expect(approvalCheck(limits, 'province', 'grassroots', 1_000_000_000)).toEqual({ allowed: true, limit: null });
  });

  it('needs the fund’s own level at least, and a section or group approves nothing', () => {
    expect(approvalCheck(limits, 'grassroots', 'upper', 1_000)).toMatchObject({ allowed: false, needed: 'upper' });
    expect(approvalCheck(limits, 'upper', 'province', 1_000)).toMatchObject({ allowed: false, needed: 'province' });
    expect(approvalCheck(limits, 'section', 'grassroots', 1_000)).toMatchObject({
      allowed: false,
      needed: 'grassroots',
    });
  });

  it('is policy data with its source and certainty, as are the case rules', () => {
    expect(limits).toMatchObject({ certainty: 'unsure', source: expect.stringContaining('no figure found') });
    const rules = inForce(CASE_RULES, '2026-12-05', 'rules');
    expect(rules).toMatchObject({ duplicateWindowDays: 60, maxMonthsInArrears: 0, arrearsAllowedWithReason: true });
    expect(rules.checklists.housing).toContain('housing-estimate');
  });
});

const base: SupportCase = {
  id: 'c1',
  fundId: 'f1',
  fundUnitId: 'upper',
  unitId: 'cdcs-a',
  memberId: 'm1',
  type: 'illness',
  amount: 1_000_000,
  method: 'cash',
  incidentDate: '2026-01-10',
  summary: 'Nằm viện',
  personal: { health: 'bệnh', circumstances: 'khó khăn' },
  status: 'draft',
  checklist: { required: ['application'], seen: [] },
  duplicate: null,
  arrears: null,
  approval: null,
  disbursement: null,
  rejection: null,
  history: [],
  createdAt: '2026-01-10T00:00:00.000Z',
  updatedAt: '2026-01-10T00:00:00.000Z',
  version: 1,
};

describe('the flow', () => {
  it('moves a case by its steps only from the statuses each allows', () => {
    const submitted = stepped(base, 'submit', 'officer', '2026-01-11T00:00:00.000Z', null);
    expect(submitted).toMatchObject({ status: 'submitted', version: 2, history: [{ step: 'submit', by: 'officer' }] });
    expect(() => stepped(base, 'approve', 'chair', '2026-01-11T00:00:00.000Z', null)).toThrow(/draft/);
    expect(STEPS.withdraw.from).not.toContain('disbursed');
    expect(STEPS.disburse.from).toEqual(['approved']);
  });

  it('masks health details and circumstances for those who may not see them', () => {
    expect(maskedFor(base, false).personal).toBeNull();
    expect(maskedFor(base, true).personal).toEqual(base.personal);
  });

  it('looks for duplicates within the window either side of the incident, across months and years', () => {
    expect(windowAround('2026-01-10', 60)).toEqual({ from: '2025-11-11', to: '2026-03-11' });
  });
});
