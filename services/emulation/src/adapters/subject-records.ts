import type { DisciplineForm, ProceedingKind } from '@congdoan/contracts';
import { applyOnce, ConditionFailedError, type Db, queryAll, type WriteItem } from '@congdoan/ddb';
import type { SubjectRecordChange, SubjectRecords } from '../app/ports.ts';
import type { DecisionRef, DisciplineFact, ProceedingFact } from '../domain/eligibility/facts.ts';
import { subjectPk, subjectRecordKey } from './keys.ts';

/** The consumer's name in the inbox: one marker per event applied. */
export const INSPECTION_FACTS_CONSUMER = 'emulation-inspection-facts';

/** `SET #a0 = :a0, …` over `fields`; `ifMissing` keeps a value already there. */
function setExpression(fields: Record<string, unknown>, ifMissing: boolean) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const parts = Object.entries(fields).map(([field, value], i) => {
    names[`#a${i}`] = field;
    values[`:a${i}`] = value;
    return ifMissing ? `#a${i} = if_not_exists(#a${i}, :a${i})` : `#a${i} = :a${i}`;
  });
  return { parts, names, values };
}

/** The record at the event's version with its facts, written only over a lower version. */
function stateUpdate(change: SubjectRecordChange): WriteItem {
  const { parts, names, values } = setExpression(
    { ...change.state, ...change.facts, kind: `subject-${change.record.kind}`, recordId: change.record.id },
    false,
  );
  return {
    Update: {
      Key: subjectRecordKey(change.subject, change.record.kind, change.record.id),
      UpdateExpression: `SET ${[...parts, '#version = :version'].join(', ')}`,
      ConditionExpression: 'attribute_not_exists(#version) OR #version < :version',
      ExpressionAttributeNames: { ...names, '#version': 'version' },
      ExpressionAttributeValues: { ...values, ':version': change.version },
    },
  };
}

/** A late event's facts (a decision's number and date, a proceeding's opening), where still missing. */
function factsUpdate(change: SubjectRecordChange): WriteItem[] {
  if (Object.keys(change.facts).length === 0) return [];
  const { parts, names, values } = setExpression(change.facts, true);
  return [
    {
      Update: {
        Key: subjectRecordKey(change.subject, change.record.kind, change.record.id),
        UpdateExpression: `SET ${parts.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    },
  ];
}

const decisionOf = (v: unknown): DecisionRef | null => {
  const d = v as { number?: unknown; date?: unknown } | null | undefined;
  return d && typeof d.number === 'string' && typeof d.date === 'string' ? { number: d.number, date: d.date } : null;
};

export function createSubjectRecords(db: Db): SubjectRecords {
  return {
    async apply(change, ctx) {
      try {
        const result = await applyOnce(
          db,
          INSPECTION_FACTS_CONSUMER,
          change.eventId,
          { items: [stateUpdate(change)] },
          ctx,
        );
        return result.applied ? 'applied' : 'duplicate';
      } catch (error) {
        if (!(error instanceof ConditionFailedError)) throw error;
      }
      // A later version of the record came first: keep the event's lasting facts, and the marker.
      const late = await applyOnce(db, INSPECTION_FACTS_CONSUMER, change.eventId, { items: factsUpdate(change) }, ctx);
      return late.applied ? 'superseded' : 'duplicate';
    },

    async of(subject) {
      const items = await queryAll(db, {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': subjectPk(subject) },
        ConsistentRead: true,
      });
      const disciplines: DisciplineFact[] = [];
      const proceedings: ProceedingFact[] = [];
      for (const i of items) {
        if (i.kind === 'subject-discipline') {
          disciplines.push({
            disciplineId: String(i.recordId),
            form: i.form as DisciplineForm,
            decision: decisionOf(i.decision),
            status: i.status as DisciplineFact['status'],
            lapsedOn: (i.lapsedOn as string | null | undefined) ?? null,
          });
        } else if (i.kind === 'subject-proceeding' && typeof i.openedOn === 'string') {
          proceedings.push({
            proceedingId: String(i.recordId),
            kind: i.proceedingKind as ProceedingKind,
            openedOn: i.openedOn,
            closedOn: (i.closedOn as string | null | undefined) ?? null,
          });
        }
      }
      return { disciplines, proceedings };
    },
  };
}
