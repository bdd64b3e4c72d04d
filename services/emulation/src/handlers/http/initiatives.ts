import type { RouteHandlers } from '@congdoan/http-kit';
import { exportInitiatives } from '../../app/initiative-export.ts';
import {
  acceptInitiative,
  evaluateInitiative,
  getInitiative,
  listUnitInitiatives,
  markInitiativeSent,
  rejectInitiative,
  submitInitiative,
} from '../../app/initiatives.ts';
import type { initiativeRoutes } from '../../initiative-routes.ts';
import { emulationDeps } from '../deps.ts';
import { caller } from './caller.ts';
import { versioned } from './respond.ts';

const ok = <T extends { id: string; version: number }>(body: T, status = 200) =>
  versioned(body, '/v1/emulation/initiatives', status);

export const initiativeHandlers: RouteHandlers<typeof initiativeRoutes> = {
  submitInitiative: async (req) => ok(await submitInitiative(emulationDeps(), caller(req), req.body), 201),
  getInitiative: async (req) => ok(await getInitiative(emulationDeps(), req.auth, req.params.id)),
  listUnitInitiatives: async (req) => ({
    status: 200,
    body: await listUnitInitiatives(emulationDeps(), req.auth, req.params.id, req.query),
  }),
  evaluateInitiative: async (req) =>
    ok(await evaluateInitiative(emulationDeps(), caller(req), req.params.id, req.body)),
  acceptInitiative: async (req) => ok(await acceptInitiative(emulationDeps(), caller(req), req.params.id, req.body)),
  rejectInitiative: async (req) => ok(await rejectInitiative(emulationDeps(), caller(req), req.params.id, req.body)),
  markInitiativeSent: async (req) =>
    ok(await markInitiativeSent(emulationDeps(), caller(req), req.params.id, req.body)),
  exportUnitInitiatives: async (req) => ({
    status: 200,
    body: await exportInitiatives(emulationDeps(), req.auth, req.params.id, req.query, req.write.now()),
  }),
};
