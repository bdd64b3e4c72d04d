import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  DISCIPLINE_FORM_TERMS,
  DISCIPLINE_FORMS,
  DisciplineDecided,
  eventsOf,
  findEvent,
  INSPECTION_EVENTS,
  InspectionLedgerPostingRequested,
  ProceedingOpened,
} from '../src/index.ts';

/** The JSON examples of docs/inspection.md's "Events" section, each `{ source, detail-type, detail }`. */
const doc = readFileSync(new URL('../../../docs/inspection.md', import.meta.url), 'utf8');
const eventsSection = doc.slice(doc.indexOf('\n## Events\n')).split(/\n## (?!#)/)[1] ?? '';
const examples = [...eventsSection.matchAll(/```json\n([\s\S]*?)\n```/g)].map(
  (m) => JSON.parse(m[1]!) as { source: string; 'detail-type': string; detail: unknown },
);

const decided = examples.find((e) => e['detail-type'] === 'DisciplineDecided')!.detail as {
  data: Record<string, unknown>;
};

/** Every property name anywhere in a schema. */
function propertyNames(schema: z.ZodType): string[] {
  const names: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    const properties = (node as { properties?: Record<string, unknown> }).properties;
    if (properties) names.push(...Object.keys(properties));
    for (const child of Object.values(node)) walk(child);
  };
  walk(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }));
  return names;
}

describe('the inspection events', () => {
  it('are in the catalogue, as inspection’s', () => {
    expect(new Set(eventsOf('inspection'))).toEqual(new Set([...INSPECTION_EVENTS, InspectionLedgerPostingRequested]));
  });

  it('each has one example in docs/inspection.md, and it is valid', () => {
    expect(examples.map((e) => e['detail-type']).sort()).toEqual(INSPECTION_EVENTS.map((e) => e.detailType).sort());
    for (const example of examples) {
      const definition = findEvent(example.source, example['detail-type']);
      expect(definition, example['detail-type']).toBeDefined();
      expect(definition!.detail.safeParse(example.detail).error, example['detail-type']).toBeUndefined();
    }
  });

  it('carry no field for a person’s name, CCCD, contacts or address, nor anyone who brought a case', () => {
    const personal = /name|cccd|citizen|phone|email|address|contact|denouncer|complainant|reporter|petitioner|salary/i;
    for (const definition of INSPECTION_EVENTS) {
      const names = propertyNames(definition.data);
      expect(names.length, definition.detailType).toBeGreaterThan(3);
      expect(
        names.filter((n) => personal.test(n)),
        definition.detailType,
      ).toEqual([]);
    }
  });

  it('refuse a form that does not fit its subject, an unknown form and hidden characters in a decision number', () => {
    const data = decided.data;
    const parse = (over: Record<string, unknown>) => DisciplineDecided.data.safeParse({ ...data, ...over });
    expect(parse({}).success).toBe(true);
    expect(parse({ form: 'dissolution' }).error?.issues[0]?.path).toEqual(['form']);
    expect(parse({ form: 'expulsion', subject: { kind: 'unit', unitId: 'cdcs-1' } }).success).toBe(false);
    expect(parse({ form: 'dissolution', subject: { kind: 'unit', unitId: 'cdcs-1' }, lapsesOn: null }).success).toBe(
      true,
    );
    expect(parse({ form: 'warning', subject: { kind: 'unit', unitId: 'cdcs-1' } }).success).toBe(true);
    expect(parse({ form: 'suspension' }).success).toBe(false);
    expect(parse({ decision: { number: 'x\u202Ey', date: '2026-03-09' } }).success).toBe(false);
  });

  it('name each discipline form in Vietnamese', () => {
    expect(DISCIPLINE_FORMS.map((f) => DISCIPLINE_FORM_TERMS[f].vi)).toEqual([
      'Khiển trách',
      'Cảnh cáo',
      'Cách chức',
      'Khai trừ',
      'Giải tán',
    ]);
  });

  it('open a proceeding only of an inspection, a complaint or a denunciation', () => {
    const opened = examples.find((e) => e['detail-type'] === 'ProceedingOpened')!.detail as {
      data: Record<string, unknown>;
    };
    expect(ProceedingOpened.data.safeParse(opened.data).success).toBe(true);
    expect(ProceedingOpened.data.safeParse({ ...opened.data, kind: 'anonymous-report' }).success).toBe(false);
    expect(ProceedingOpened.data.safeParse({ ...opened.data, kind: 'petition' }).success).toBe(false);
  });
});
