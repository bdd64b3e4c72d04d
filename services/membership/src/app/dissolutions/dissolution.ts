import {
  conflict,
  type DissolutionJob,
  type DissolutionRequest,
  DomainError,
  type MemberState,
  unprocessable,
} from '@congdoan/contracts';
import { JOB_LEASE_MS, jobHealth, retryOnConflict, type WriteContext } from '@congdoan/ddb';
import { visibleOrNotFound } from '@congdoan/org-directory';
import { assertNotFuture } from '../../domain/member/member.ts';
import type { MemberDeps } from '../members/deps.ts';
import { exitMember, MEMBER_LEVELS, rejectApplication, transferMember } from '../members/lifecycle.ts';
import type { Caller } from '../units/deps.ts';
import { dissolveByMerger, dissolveUnit } from '../units/dissolve-unit.ts';
import { readUnitInScope } from '../units/read-unit.ts';
import type { DissolutionJobState, DissolutionStore } from './ports.ts';

export interface DissolutionDeps extends MemberDeps {
  dissolutions: DissolutionStore;
  /** Ends the unit's committee terms and appointments on the day (committees mount it). */
  endTerms?: (unitId: string, date: string, write: WriteContext) => Promise<void>;
}

const JOB = { vi: 'yêu cầu giải thể', en: 'dissolution' };

/** A dissolution job the caller may see: its unit in their subtree, else the 404 of a job that does not exist. */
export async function readDissolutionInScope(
  deps: DissolutionDeps,
  caller: { unitId: string | null },
  id: string,
): Promise<DissolutionJob> {
  return visibleOrNotFound(deps.units, caller, await deps.dissolutions.getById(id), (job) => job.unitId, JOB, id);
}

const same = (a: DissolutionRequest, b: DissolutionJob['request']) =>
  a.mode === b.mode &&
  a.mergeIntoUnitId === b.mergeIntoUnitId &&
  a.date === b.date &&
  a.reason === b.reason &&
  a.decisionNumber === b.decisionNumber;

/**
 * Asks for a CĐCS to be dissolved (its members exit, reason `unit-dissolved`) or
 * merged into another unit (its members transfer there), then the unit dissolves.
 * Asking again with the same request returns the same job, and re-queues it if it
 * failed; another request while one exists is a conflict.
 */
export async function requestDissolution(
  deps: DissolutionDeps,
  caller: Caller,
  unitId: string,
  request: DissolutionRequest,
): Promise<{ job: DissolutionJob; created: boolean }> {
  const unit = await readUnitInScope(deps, caller, unitId);
  // Its members exit or transfer on that day: refused now rather than by the job.
  assertNotFuture(request.date, 'date', caller.write.now());
  const existing = await deps.dissolutions.get(unitId);
  if (existing) {
    if (!same(request, existing.request)) {
      throw conflict('dissolution-exists', {
        vi: `Đơn vị "${unit.name}" đã có yêu cầu giải thể/sáp nhập khác (${existing.status}).`,
        en: `Unit "${unit.name}" already has another dissolution or merger request (${existing.status}).`,
      });
    }
    if (existing.status === 'failed') await deps.dissolutions.requeue(existing, caller.write);
    return { job: (await deps.dissolutions.get(unitId)) ?? existing, created: false };
  }
  if (unit.status !== 'active') {
    throw conflict('unit-dissolved', {
      vi: `Đơn vị "${unit.name}" đã giải thể.`,
      en: `Unit "${unit.name}" is already dissolved.`,
    });
  }
  if (!MEMBER_LEVELS.has(unit.level)) {
    throw unprocessable('not-a-cdcs', {
      vi: 'Chỉ giải thể hoặc sáp nhập cùng đoàn viên với công đoàn cơ sở, công đoàn bộ phận hoặc tổ công đoàn.',
      en: 'Only a grassroots union, a section or a group is dissolved or merged with its members.',
    });
  }
  if (unit.childCount > 0) {
    throw conflict('unit-has-children', {
      vi: `"${unit.name}" còn ${unit.childCount} đơn vị trực thuộc: hãy chuyển hoặc giải thể chúng trước.`,
      en: `"${unit.name}" still has ${unit.childCount} child unit(s): move or dissolve them first.`,
    });
  }
  if (request.mode === 'merge') {
    const target = await deps.units.get(request.mergeIntoUnitId!);
    if (target?.status !== 'active' || !MEMBER_LEVELS.has(target.level) || target.id === unit.id) {
      throw unprocessable('merge-target-invalid', {
        vi: 'Đơn vị nhận sáp nhập phải là một công đoàn cơ sở khác đang hoạt động.',
        en: 'The unit merged into must be another active grassroots union.',
      });
    }
  }
  const at = caller.write.now().toISOString();
  const job: DissolutionJob = {
    id: caller.write.newId(),
    unitId,
    request: { ...request },
    status: 'queued',
    membersProcessed: 0,
    applicationsRejected: 0,
    error: null,
    attempts: 0,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  if (!(await deps.dissolutions.create(job, caller.write))) return requestDissolution(deps, caller, unitId, request);
  return { job, created: true };
}

const PAGE = 25;

/**
 * Runs (or resumes) a dissolution. Each member is one transaction of its own, and
 * the pass asks again for whoever is still applicant, active or suspended in the
 * unit, so a run interrupted anywhere picks up exactly where it stopped and never
 * acts on a member twice. A rule that refuses a member fails the job with the
 * reason (retrying would not help); anything else is thrown, to be redelivered.
 */
export async function runDissolution(
  deps: DissolutionDeps,
  unitId: string,
  write: WriteContext,
): Promise<DissolutionJob> {
  let job = await deps.dissolutions.get(unitId);
  if (!job) throw new Error(`no dissolution job for unit ${unitId}`);
  if (job.status === 'succeeded') return job;
  const system: Caller = { unitId: null, write };
  const save = async (patch: Partial<Pick<DissolutionJob, 'status' | 'attempts' | 'error'>>) => {
    job = await deps.dissolutions.setStatus(job!, patch, write);
  };
  await save({ status: 'running', attempts: job.attempts + 1, error: null });
  const { request } = job;
  try {
    for (const status of ['applicant', 'active', 'suspended'] as const) {
      for (;;) {
        const page = await deps.members.listByUnit(unitId, { status }, { limit: PAGE });
        if (page.items.length === 0) break;
        for (const m of page.items) await settle(deps, system, m, job);
      }
    }
    await deps.endTerms?.(unitId, request.date, write);
    await retryOnConflict(async () => {
      const input = {
        reason: request.reason,
        effectiveDate: request.date,
        ...(request.decisionNumber ? { decisionNumber: request.decisionNumber } : {}),
      };
      try {
        // A merger records itself on the absorbing unit in the same transaction (`UnitMerged`).
        if (request.mode === 'merge') await dissolveByMerger(deps, system, unitId, request.mergeIntoUnitId!, input);
        else await dissolveUnit(deps, system, unitId, input, undefined);
      } catch (error) {
        // Dissolved by an earlier run that stopped before recording it.
        if (!(error instanceof DomainError && error.code === 'unit-dissolved')) throw error;
      }
    });
    await save({ status: 'succeeded' });
  } catch (error) {
    if (error instanceof DomainError) {
      await save({ status: 'failed', error: { code: error.code, detail: error.detail.vi } });
      return job;
    }
    throw error;
  }
  return job;
}

/** One member's part, counted on the job in the member's own transaction. */
async function settle(deps: DissolutionDeps, system: Caller, m: MemberState, job: DissolutionJob): Promise<void> {
  const { request } = job;
  if (m.status === 'applicant') {
    const counted = [deps.dissolutions.progress(job.unitId, 'applicationsRejected', system.write.now())];
    await rejectApplication(deps, system, m.id, `Đơn vị giải thể/sáp nhập: ${request.reason}`, undefined, counted);
    return;
  }
  const counted = [deps.dissolutions.progress(job.unitId, 'membersProcessed', system.write.now())];
  if (request.mode === 'merge') {
    await transferMember(
      deps,
      system,
      m.id,
      { toUnitId: request.mergeIntoUnitId!, date: request.date },
      undefined,
      counted,
    );
  } else {
    await exitMember(
      deps,
      system,
      m.id,
      { date: request.date, reason: 'unit-dissolved', note: request.reason },
      undefined,
      counted,
    );
  }
}

/** When the job was last touched (progressed, or queued again): the sweeper queues it a lease after. */
export const dissolutionProgressAt = (job: DissolutionJob) =>
  job.progressAt && job.progressAt > job.updatedAt ? job.progressAt : job.updatedAt;

/** When the job last made progress (queued by a request, started, or a member handled): a requeue is not progress. */
export const dissolutionStallSince = (job: DissolutionJob) => job.progressAt ?? job.updatedAt;

/** The job as the API shows it: with `stalledSince` while it has not progressed for two minutes. */
export function dissolutionView(job: DissolutionJobState, now = new Date()): DissolutionJob {
  const { stallSignalledFor: _, ...shown } = job;
  return {
    ...shown,
    stalledSince: jobHealth({ status: job.status, progressAt: dissolutionStallSince(job) }, now).stalledSince,
  };
}

/**
 * Queues an unfinished dissolution again when it has not progressed for a lease's time
 * (its run died, or its event was lost), with a `JobStalled` once per stall: the sweeper calls it. A
 * second run working alongside a slow one is harmless, each member being settled in a
 * transaction of its own. Returns whether it was queued.
 */
export async function resumeDissolution(deps: DissolutionDeps, unitId: string, write: WriteContext): Promise<boolean> {
  const job = await deps.dissolutions.get(unitId);
  if (!job || (job.status !== 'queued' && job.status !== 'running')) return false;
  if (Date.parse(dissolutionProgressAt(job)) + JOB_LEASE_MS > write.now().getTime()) return false;
  const since = dissolutionStallSince(job);
  await deps.dissolutions.requeue(job, write, { stall: { since, signal: job.stallSignalledFor !== since } });
  return true;
}
