import { randomUUID } from 'node:crypto';
import { DisciplineDecided } from '@congdoan/contracts';
import type { InspectionFactEvent } from '../../src/app/inspection-facts.ts';

/**
 * Inspection's events as emulation's tests publish them, each checked against inspection's
 * contract: a reprimand of a member on 03/05/2025 (QĐ 12/QĐ-UBKT), lapsing a year later.
 */
export function reprimanded(memberId: string, disciplineId: string = randomUUID()): InspectionFactEvent {
  return {
    type: 'DisciplineDecided',
    eventId: randomUUID(),
    data: DisciplineDecided.data.parse({
      disciplineId,
      version: 1,
      subject: { kind: 'member', memberId, unitId: 'cdcs-a' },
      form: 'reprimand',
      decision: { number: '12/QĐ-UBKT', date: '2025-05-03' },
      issuerUnitId: 'upper',
      groundsSummary: 'Vi phạm Điều lệ',
      basis: null,
      lapsesOn: '2026-05-03',
    }),
  };
}
