import { describe, expect, it } from 'vitest';
import {
  assertEligibleOfficer,
  byPositionThenName,
  endAppointment,
  endWithTerm,
  inOfficeOn,
  newAppointment,
  periodInOffice,
} from '../../src/domain/committee/appointment.ts';
import { appointment, errorOf, member, now, term } from './fixtures.ts';

const chain = ['cdcs-a', 'upper', 'province'];

describe('who may be an officer', () => {
  it('is an active member of the unit or of a unit above it', () => {
    expect(() => assertEligibleOfficer(member(), 'm-1', chain)).not.toThrow();
    expect(() => assertEligibleOfficer(member({ unitId: 'upper' }), 'm-1', chain)).not.toThrow();
  });

  it('refuses a member of another unit, and an unknown id, with the same 422', () => {
    const elsewhere = errorOf(() => assertEligibleOfficer(member({ unitId: 'cdcs-b' }), 'm-1', chain));
    const unknown = errorOf(() => assertEligibleOfficer(undefined, 'm-1', chain));
    expect(elsewhere.kind).toBe('unprocessable');
    expect(elsewhere.code).toBe('officer-not-unit-member');
    expect(unknown.detail).toEqual(elsewhere.detail);
  });

  it.each(['applicant', 'suspended', 'exited', 'rejected'] as const)('refuses a %s member with 409', (status) => {
    const error = errorOf(() => assertEligibleOfficer(member({ status }), 'm-1', chain));
    expect(error.kind).toBe('conflict');
    expect(error.code).toBe('officer-not-active');
    expect(error.detail.vi).toContain('Nguyễn Thị Hồng Nhung');
  });
});

describe('an appointment', () => {
  const input = { position: 'chair' as const, from: '2023-05-10', decisionNumber: '15/QĐ-CĐVC' };

  it('takes the member’s name and unit as the decision wrote them', () => {
    expect(newAppointment(input, term(), member({ unitId: 'upper' }), 'a', now)).toMatchObject({
      termId: 'term-1',
      unitId: 'cdcs-a',
      memberUnitId: 'upper',
      fullName: 'Nguyễn Thị Hồng Nhung',
      position: 'chair',
      end: null,
      version: 1,
    });
  });

  it.each(['2023-05-09', '2028-05-10', '2030-01-01'])('refuses a first day outside the term (%s) with 422', (from) => {
    const error = errorOf(() => newAppointment({ ...input, from }, term(), member(), 'a', now));
    expect(error.kind).toBe('unprocessable');
    expect(error.code).toBe('appointment-outside-term');
  });

  it('ends on a day from its first day to the term’s end, once', () => {
    const ended = endAppointment(appointment(), term(), { date: '2025-01-01', reason: 'resigned' }, now);
    expect(ended).toMatchObject({ end: { date: '2025-01-01', reason: 'resigned', decisionNumber: null }, version: 2 });
    expect(errorOf(() => endAppointment(ended, term(), { date: '2026-01-01', reason: 'other' }, now)).code).toBe(
      'appointment-already-ended',
    );
    expect(endAppointment(appointment(), term(), { date: '2023-05-10', reason: 'other' }, now).end?.date).toBe(
      '2023-05-10',
    );
    expect(endAppointment(appointment(), term(), { date: '2028-05-10', reason: 'term-ended' }, now).end?.date).toBe(
      '2028-05-10',
    );
  });

  it('refuses an end before the start or after the term with 422', () => {
    const a = appointment({ from: '2024-01-01' });
    expect(errorOf(() => endAppointment(a, term(), { date: '2023-12-31', reason: 'other' }, now)).code).toBe(
      'appointment-end-before-start',
    );
    expect(errorOf(() => endAppointment(a, term(), { date: '2028-05-11', reason: 'other' }, now)).code).toBe(
      'appointment-end-after-term',
    );
  });

  it('is in office from its first day up to its end or the term’s end', () => {
    const open = appointment({ from: '2024-01-01' });
    expect(inOfficeOn(open, '2028-05-10', '2023-12-31')).toBe(false);
    expect(inOfficeOn(open, '2028-05-10', '2024-01-01')).toBe(true);
    expect(inOfficeOn(open, '2028-05-10', '2028-05-10')).toBe(false);
    const ended = endAppointment(open, term(), { date: '2025-01-01', reason: 'resigned' }, now);
    expect(inOfficeOn(ended, '2028-05-10', '2024-12-31')).toBe(true);
    expect(inOfficeOn(ended, '2028-05-10', '2025-01-01')).toBe(false);
  });

  it('lists officers chair first, then by position, then in Vietnamese name order', () => {
    const list = [
      appointment({ id: '1', position: 'treasurer', fullName: 'Lê Văn An' }),
      appointment({ id: '2', position: 'committee-member', fullName: 'Trần Thị Yến' }),
      appointment({ id: '3', position: 'committee-member', fullName: 'Phạm Văn Bình' }),
      appointment({ id: '4', position: 'chair', fullName: 'Đỗ Thị Thu Trang' }),
      appointment({ id: '5', position: 'inspection-member', fullName: 'Hoàng Văn Ân' }),
    ];
    expect(list.sort(byPositionThenName).map((a) => a.id)).toEqual(['4', '3', '2', '5', '1']);
  });

  it('never stays in office past its term’s end, which a closure may bring forward', () => {
    const endedLater = appointment({
      end: { date: '2027-01-01', reason: 'resigned', decisionNumber: null, note: null },
    });
    expect(periodInOffice(endedLater, '2025-06-30')).toEqual({ from: '2023-05-10', until: '2025-06-30' });
    expect(periodInOffice(appointment({ from: '2026-01-01' }), '2025-06-30')).toEqual({
      from: '2026-01-01',
      until: '2026-01-01',
    });
  });

  it('ends with a closed term on its end, or on its own first day when due to start later', () => {
    const closed = term({
      endDate: '2025-06-30',
      closure: { date: '2025-06-30', reason: 'Giải thể', decisionNumber: '45/QĐ', plannedEndDate: '2028-05-10' },
    });
    expect(endWithTerm(appointment(), closed, now).end).toEqual({
      date: '2025-06-30',
      reason: 'term-ended',
      decisionNumber: '45/QĐ',
      note: 'Giải thể',
    });
    expect(endWithTerm(appointment({ from: '2026-01-01' }), closed, now).end?.date).toBe('2026-01-01');
  });
});
