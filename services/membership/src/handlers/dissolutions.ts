import { type BusEvent, UnitDissolutionRequested } from '@congdoan/contracts';
import { systemContext } from '@congdoan/ddb';
import { createLogger, observedHandler } from '@congdoan/http-kit';
import { runDissolution } from '../app/dissolutions/dissolution.ts';
import { observed } from '../metrics.ts';
import { dissolutionDeps } from './dissolution-deps.ts';

const logger = createLogger('membership');

/** EventBridge target: runs or resumes the unit's dissolution. */
export const runUnitDissolution = observedHandler(observed, async (event: BusEvent): Promise<void> => {
  const detail = UnitDissolutionRequested.detail.parse(event.detail);
  const job = await runDissolution(
    dissolutionDeps(),
    detail.data.unitId,
    systemContext('unit-dissolution', detail.metadata.correlationId),
  );
  logger.info('unit dissolution', {
    jobId: job.id,
    unitId: job.unitId,
    status: job.status,
    membersProcessed: job.membersProcessed,
    attempts: job.attempts,
    error: job.error?.code,
  });
});
