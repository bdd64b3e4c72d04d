import { dayInVietnam } from '@congdoan/contracts';
import type { RouteHandlers } from '@congdoan/http-kit';
import {
  confirmDeeds,
  getRegistration,
  launchMovement,
  listMovementRegistrations,
  register,
  registrationTotals,
  unitMovements,
  visibleMovement,
} from '../../app/movements.ts';
import type { movementRoutes } from '../../movement-routes.ts';
import { emulationDeps } from '../deps.ts';
import { caller } from './caller.ts';
import { versioned } from './respond.ts';

export const movementHandlers: RouteHandlers<typeof movementRoutes> = {
  launchMovement: async (req) =>
    versioned(await launchMovement(emulationDeps(), caller(req), req.body), '/v1/emulation/movements', 201),
  getMovement: async (req) =>
    versioned(await visibleMovement(emulationDeps(), req.auth, req.params.id), '/v1/emulation/movements'),
  listUnitMovements: async (req) => ({
    status: 200,
    body: await unitMovements(
      emulationDeps(),
      req.auth,
      req.params.id,
      req.query.year ?? Number(dayInVietnam(req.write.now()).slice(0, 4)),
    ),
  }),
  registerForMovement: async (req) =>
    versioned(
      await register(emulationDeps(), caller(req), req.params.id, req.body),
      '/v1/emulation/registrations',
      201,
    ),
  listMovementRegistrations: async (req) => ({
    status: 200,
    body: await listMovementRegistrations(emulationDeps(), req.auth, req.params.id, req.query),
  }),
  getRegistration: async (req) =>
    versioned(await getRegistration(emulationDeps(), req.auth, req.params.id), '/v1/emulation/registrations'),
  confirmDeeds: async (req) =>
    versioned(await confirmDeeds(emulationDeps(), caller(req), req.params.id, req.body), '/v1/emulation/registrations'),
  getRegistrationTotals: async (req) => ({
    status: 200,
    body: await registrationTotals(emulationDeps(), req.auth, req.params.id, req.query),
  }),
};
