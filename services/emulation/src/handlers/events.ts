import {
  BaseSalaryVersionRecorded,
  type BusEvent,
  DisciplineDecided,
  DisciplineLapsed,
  DisciplineRevoked,
  LedgerPosted,
  LedgerPostingRejected,
  ProceedingClosed,
  ProceedingOpened,
  UnitMerged,
} from '@congdoan/contracts';
import { systemContext } from '@congdoan/ddb';
import { createLogger, observedHandler } from '@congdoan/http-kit';
import { type InspectionFactEvent, recordInspectionFact } from '../app/inspection-facts.ts';
import { type PrizePostingAnswer, recordBaseSalary, recordPrizePosting } from '../app/nominations.ts';
import { mergerOf, recordUnitMerger } from '../app/unit-mergers.ts';
import { observed } from '../metrics.ts';
import { emulationDeps } from './deps.ts';

const logger = createLogger('emulation');

/** The inspection events eligibility reads, by detail type. */
const DEFINITIONS = {
  DisciplineDecided,
  DisciplineLapsed,
  DisciplineRevoked,
  ProceedingOpened,
  ProceedingClosed,
} as const;

function parse(event: BusEvent): { ev: InspectionFactEvent; correlationId: string } {
  const type = event['detail-type'];
  if (!Object.hasOwn(DEFINITIONS, type)) throw new Error(`not an inspection fact: ${event.source} ${type}`);
  const detail = DEFINITIONS[type as keyof typeof DEFINITIONS].detail.parse(event.detail);
  const ev = { type, eventId: detail.metadata.eventId, data: detail.data } as InspectionFactEvent;
  return { ev, correlationId: detail.metadata.correlationId };
}

/**
 * The subscription `emulation-inspection-facts`: inspection's discipline and proceeding events,
 * kept per subject for eligibility, once per event and at each record's highest version.
 */
export const onInspectionFact = observedHandler(observed, async (event: BusEvent): Promise<void> => {
  const { ev, correlationId } = parse(event);
  const ctx = systemContext('emulation:inspection-facts', correlationId);
  const outcome = await recordInspectionFact(emulationDeps(), ev, ctx);
  // Ids only: a proceeding's subject is personal, its kind (a denunciation) sensitive.
  logger.info('inspection fact', { eventId: ev.eventId, detailType: ev.type, outcome });
});

/**
 * The subscription `emulation-base-salary`: finance's versions of lương cơ sở (its policy
 * `base-salary`, announced by `BaseSalaryVersionRecorded`), kept once per event and at each
 * day's highest version, for the prizes of decisions.
 */
export const onBaseSalaryVersion = observedHandler(observed, async (event: BusEvent): Promise<void> => {
  const { metadata, data } = BaseSalaryVersionRecorded.detail.parse(event.detail);
  const ctx = systemContext('emulation:base-salary', metadata.correlationId);
  const { origin: _origin, ...version } = data;
  const outcome = await recordBaseSalary(emulationDeps(), metadata.eventId, version, ctx);
  logger.info('base salary version', { eventId: metadata.eventId, versionId: data.versionId, outcome });
});

/**
 * The subscription `emulation-prize-postings`: finance's answers to the prizes' posting requests
 * (`LedgerPosted`, `LedgerPostingRejected`), recorded on each decision once; answers to another
 * producer's requests are not emulation's.
 */
export const onPrizePosting = observedHandler(observed, async (event: BusEvent): Promise<void> => {
  let answer: PrizePostingAnswer;
  let producer: string;
  let meta: { eventId: string; correlationId: string };
  if (event['detail-type'] === LedgerPosted.detailType) {
    const { metadata, data } = LedgerPosted.detail.parse(event.detail);
    answer = { requestId: data.requestId, posted: { postingId: data.postingId, voucherNumber: data.voucherNumber } };
    producer = data.producer;
    meta = metadata;
  } else {
    const { metadata, data } = LedgerPostingRejected.detail.parse(event.detail);
    answer = { requestId: data.requestId, rejected: data.reason };
    producer = data.producer;
    meta = metadata;
  }
  const outcome =
    producer === 'emulation'
      ? await recordPrizePosting(emulationDeps(), answer, systemContext('emulation:prize-postings', meta.correlationId))
      : 'not-ours';
  logger.info('prize posting answer', { eventId: meta.eventId, requestId: answer.requestId, outcome });
});

/**
 * The subscription `emulation-unit-mergers`: membership's `UnitMerged`, kept in the absorbing
 * unit's merger history (every merger, once), so a collective's consecutive-title chains
 * continue through the units merged into it.
 */
export const onUnitMerged = observedHandler(observed, async (event: BusEvent): Promise<void> => {
  const { metadata, data } = UnitMerged.detail.parse(event.detail);
  const ctx = systemContext('emulation:unit-mergers', metadata.correlationId);
  const outcome = await recordUnitMerger(emulationDeps(), data, ctx);
  logger.info('unit merger', { eventId: metadata.eventId, ...mergerOf(data), outcome });
});
