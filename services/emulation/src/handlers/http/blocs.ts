import { dayInVietnam } from '@congdoan/contracts';
import { etag } from '@congdoan/ddb';
import type { RouteHandlers } from '@congdoan/http-kit';
import {
  blocRanking,
  formBloc,
  getBloc,
  getBlocScore,
  listBlocs,
  proposeBlocFlag,
  scoreBlocMember,
} from '../../app/blocs.ts';
import type { blocRoutes } from '../../bloc-routes.ts';
import { emulationDeps } from '../deps.ts';
import { caller } from './caller.ts';
import { versioned } from './respond.ts';

const sheet = <T extends { version: number }>(body: T) => ({
  status: 200,
  body,
  headers: { etag: etag(body.version) },
});

export const blocHandlers: RouteHandlers<typeof blocRoutes> = {
  formBloc: async (req) =>
    versioned(await formBloc(emulationDeps(), caller(req), req.body), '/v1/emulation/blocs', 201),
  listBlocs: async (req) => ({
    status: 200,
    body: await listBlocs(
      emulationDeps(),
      req.auth,
      req.query.year ?? Number(dayInVietnam(req.write.now()).slice(0, 4)),
    ),
  }),
  getBloc: async (req) => versioned(await getBloc(emulationDeps(), req.auth, req.params.id), '/v1/emulation/blocs'),
  getBlocScore: async (req) => sheet(await getBlocScore(emulationDeps(), req.auth, req.params.id, req.params.unitId)),
  scoreBlocMember: async (req) =>
    sheet(await scoreBlocMember(emulationDeps(), caller(req), req.params.id, req.params.unitId, req.body, req.ifMatch)),
  getBlocRanking: async (req) => ({ status: 200, body: await blocRanking(emulationDeps(), req.auth, req.params.id) }),
  proposeBlocFlag: async (req) =>
    versioned(await proposeBlocFlag(emulationDeps(), caller(req), req.params.id, req.body), '/v1/emulation/blocs'),
};
