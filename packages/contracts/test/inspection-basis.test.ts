import { describe, expect, it } from 'vitest';
import { CASE_CLASSES, inspectionSchema, openInspectionBody } from '../src/index.ts';

/**
 * The contract of an inspection opened on a case (issue 10: an anonymous report "may open an
 * inspection"): the request names the case, the inspection shows it with its class.
 */
const request = {
  unitId: 'upper',
  targetUnitId: 'cdcs-a',
  type: 'signs-of-violation',
  decision: {
    number: '7/QĐ-UBKT',
    date: '2026-03-02',
    scope: 'Dấu hiệu vi phạm',
    period: { from: '2025-01-01', to: '2025-12-31' },
  },
};

describe('an inspection’s basis', () => {
  it('is an optional case named by id in the request, nothing else', () => {
    expect(openInspectionBody.parse(request).basis).toBeUndefined();
    expect(openInspectionBody.parse({ ...request, basis: { kind: 'case', id: 'c-1' } }).basis).toEqual({
      kind: 'case',
      id: 'c-1',
    });
    for (const basis of [
      { kind: 'inspection', id: 'i-1' },
      { kind: 'case' },
      { kind: 'case', id: '' },
      { kind: 'case', id: 'c-1', class: 'anonymous-report' },
      null,
    ]) {
      expect(openInspectionBody.safeParse({ ...request, basis }).success, JSON.stringify(basis)).toBe(false);
    }
  });

  it('is shown on the inspection with the case’s class, or null', () => {
    const shape = inspectionSchema.shape.basis;
    expect(shape.parse(null)).toBeNull();
    for (const klass of CASE_CLASSES) {
      expect(shape.parse({ kind: 'case', id: 'c-1', class: klass })).toEqual({ kind: 'case', id: 'c-1', class: klass });
    }
    expect(shape.safeParse({ kind: 'case', id: 'c-1' }).success).toBe(false);
    expect(shape.safeParse(undefined).success).toBe(false);
  });
});
