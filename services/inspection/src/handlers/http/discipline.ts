import type { Discipline } from '@congdoan/contracts';
import { etag } from '@congdoan/ddb';
import type { RouteHandlers } from '@congdoan/http-kit';
import { decideDiscipline, getDiscipline, listDiscipline, revokeDiscipline } from '../../app/discipline.ts';
import type { disciplineRoutes } from '../../discipline-routes.ts';
import { inspectionDeps } from '../deps.ts';
import { caller } from './caller.ts';

const ok = (d: Discipline, status = 200) => ({
  status,
  body: d,
  headers: {
    etag: etag(d.version),
    ...(status === 201 ? { location: `/v1/inspection/discipline/${encodeURIComponent(d.id)}` } : {}),
  },
});

export const disciplineHandlers: RouteHandlers<typeof disciplineRoutes> = {
  decideDiscipline: async (req) => ok(await decideDiscipline(inspectionDeps(), caller(req), req.body), 201),
  listUnitDiscipline: async (req) => ({
    status: 200,
    body: await listDiscipline(inspectionDeps(), req.auth, req.params.id, {
      limit: req.query.limit,
      cursor: req.query.cursor,
    }),
  }),
  getDiscipline: async (req) => ok(await getDiscipline(inspectionDeps(), req.auth, req.params.id)),
  revokeDiscipline: async (req) =>
    ok(await revokeDiscipline(inspectionDeps(), caller(req), req.params.id, req.body, req.ifMatch)),
};
