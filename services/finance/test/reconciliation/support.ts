import type { Month } from '@congdoan/contracts';
import { type Db, systemContext, type WriteContext } from '@congdoan/ddb';
import { outboxItems } from '../support/dynamo.ts';

export const at = (iso: string): WriteContext => ({ ...systemContext('test'), now: () => new Date(iso) });

export interface CapturedEvent {
  detailType: string;
  eventId: string;
  data: Record<string, unknown>;
}

/** The outbox of a test's own table. */
export async function outbox(db: Db): Promise<CapturedEvent[]> {
  return (await outboxItems(db)).map((item) => {
    const detail = JSON.parse(String(item.detail));
    return { detailType: String(item.detailType), eventId: detail.metadata.eventId, data: detail.data };
  });
}

/** Events of one run, by detail-type. */
export async function eventsOfRun(db: Db, runId: string, detailType: string): Promise<Record<string, unknown>[]> {
  return (await outbox(db)).filter((e) => e.detailType === detailType && e.data.runId === runId).map((e) => e.data);
}

export type { Month };
