import { dayInVietnam } from '@congdoan/contracts';
import type { RouteHandlers } from '@congdoan/http-kit';
import {
  allocateQuotaSeats,
  decideNomination,
  getNomination,
  listUnitNominations,
  nominationEligibility,
  proposeNomination,
  receiveNomination,
  recordAward,
  refuseNomination,
  setUnitQuotas,
  unitQuotas,
  voteOnNomination,
} from '../../app/nominations.ts';
import type { nominationRoutes } from '../../nomination-routes.ts';
import { emulationDeps } from '../deps.ts';
import { caller } from './caller.ts';
import { versioned } from './respond.ts';

const ok = <T extends { id: string; version: number }>(body: T, status = 200) =>
  versioned(body, '/v1/emulation/nominations', status);

export const nominationHandlers: RouteHandlers<typeof nominationRoutes> = {
  recordAward: async (req) => ({ status: 201, body: await recordAward(emulationDeps(), caller(req), req.body) }),
  proposeNomination: async (req) => ok(await proposeNomination(emulationDeps(), caller(req), req.body), 201),
  getNomination: async (req) => ok(await getNomination(emulationDeps(), req.auth, req.params.id)),
  listUnitNominations: async (req) => ({
    status: 200,
    body: await listUnitNominations(emulationDeps(), req.auth, req.params.id, req.query),
  }),
  voteOnNomination: async (req) => ok(await voteOnNomination(emulationDeps(), caller(req), req.params.id, req.body)),
  decideNomination: async (req) => ok(await decideNomination(emulationDeps(), caller(req), req.params.id, req.body)),
  getUnitQuotas: async (req) => ({
    status: 200,
    body: await unitQuotas(emulationDeps(), req.auth, req.params.id, req.params.year),
  }),
  setUnitQuotas: async (req) => ({
    status: 200,
    body: await setUnitQuotas(emulationDeps(), caller(req), req.params.id, req.params.year, req.body.quotas),
  }),
  receiveNomination: async (req) => ok(await receiveNomination(emulationDeps(), caller(req), req.params.id, req.body)),
  refuseNomination: async (req) => ok(await refuseNomination(emulationDeps(), caller(req), req.params.id, req.body)),
  allocateQuotaSeats: async (req) => ({
    status: 201,
    body: await allocateQuotaSeats(
      emulationDeps(),
      caller(req),
      req.params.id,
      req.params.year,
      req.params.titleCode,
      req.body,
    ),
  }),
  getNominationEligibility: async (req) => ({
    status: 200,
    body: await nominationEligibility(emulationDeps(), req.auth, req.params.id, dayInVietnam(req.write.now())),
  }),
};
