import { dayInVietnam, type Movement, type Registration } from '@congdoan/contracts';
import { etag } from '@congdoan/ddb';
import type { RouteHandlers } from '@congdoan/http-kit';
import {
  confirmDeeds,
  getRegistration,
  launchMovement,
  register,
  registrationTotals,
  unitMovements,
  visibleMovement,
} from '../../app/movements.ts';
import type { movementRoutes } from '../../movement-routes.ts';
import { emulationDeps } from '../deps.ts';
import { caller } from './caller.ts';

const located = <T extends Movement | Registration>(body: T, path: string, status = 200) => ({
  status,
  body,
  headers: {
    etag: etag(body.version),
    ...(status === 201 ? { location: `${path}/${encodeURIComponent(body.id)}` } : {}),
  },
});

export const movementHandlers: RouteHandlers<typeof movementRoutes> = {
  launchMovement: async (req) =>
    located(await launchMovement(emulationDeps(), caller(req), req.body), '/v1/emulation/movements', 201),
  getMovement: async (req) =>
    located(await visibleMovement(emulationDeps(), req.auth, req.params.id), '/v1/emulation/movements'),
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
    located(await register(emulationDeps(), caller(req), req.params.id, req.body), '/v1/emulation/registrations', 201),
  getRegistration: async (req) =>
    located(await getRegistration(emulationDeps(), req.auth, req.params.id), '/v1/emulation/registrations'),
  confirmDeeds: async (req) =>
    located(await confirmDeeds(emulationDeps(), caller(req), req.params.id, req.body), '/v1/emulation/registrations'),
  getRegistrationTotals: async (req) => ({
    status: 200,
    body: await registrationTotals(emulationDeps(), req.auth, req.params.id, req.query),
  }),
};
