import { dayInVietnam, type Nomination } from '@congdoan/contracts';
import { etag } from '@congdoan/ddb';
import type { RouteHandlers } from '@congdoan/http-kit';
import { getNomination, nominationEligibility, proposeNomination, recordAward } from '../../app/nominations.ts';
import type { nominationRoutes } from '../../nomination-routes.ts';
import { emulationDeps } from '../deps.ts';
import { caller } from './caller.ts';

const ok = (n: Nomination, status = 200) => ({
  status,
  body: n,
  headers: {
    etag: etag(n.version),
    ...(status === 201 ? { location: `/v1/emulation/nominations/${encodeURIComponent(n.id)}` } : {}),
  },
});

export const nominationHandlers: RouteHandlers<typeof nominationRoutes> = {
  recordAward: async (req) => ({ status: 201, body: await recordAward(emulationDeps(), caller(req), req.body) }),
  proposeNomination: async (req) => ok(await proposeNomination(emulationDeps(), caller(req), req.body), 201),
  getNomination: async (req) => ok(await getNomination(emulationDeps(), req.auth, req.params.id)),
  getNominationEligibility: async (req) => ({
    status: 200,
    body: await nominationEligibility(emulationDeps(), req.auth, req.params.id, dayInVietnam(req.write.now())),
  }),
};
