import type { OfficerAppointment } from '@congdoan/contracts';
import { etag } from '@congdoan/ddb';
import { decodeCursor, encodeCursor, type RouteHandlers } from '@congdoan/http-kit';
import { appointOfficer, endAppointment, getAppointment } from '../../app/committees/appointments.ts';
import { closeCommitteeTerm } from '../../app/committees/close-term.ts';
import { createTerm, getTermWithOfficers, listTerms, listUnitOfficers } from '../../app/committees/terms.ts';
import type { committeeRoutes } from '../../committee-routes.ts';
import { committeeDeps } from '../committee-deps.ts';
import { caller } from './caller.ts';

const termLocation = (id: string) => `/v1/membership/terms/${encodeURIComponent(id)}`;
const appointmentLocation = (id: string) => `/v1/membership/appointments/${encodeURIComponent(id)}`;
const appointmentOk = (a: OfficerAppointment, status = 200) => ({
  status,
  body: a,
  headers: { etag: etag(a.version), ...(status === 201 ? { location: appointmentLocation(a.id) } : {}) },
});
const reader = (req: { auth: { unitId: string | null }; write: { now: () => Date } }) => ({
  unitId: req.auth.unitId,
  now: req.write.now(),
});

export const committeeHandlers: RouteHandlers<typeof committeeRoutes> = {
  createCommitteeTerm: async (req) => {
    const term = await createTerm(committeeDeps(), caller(req), req.params.id, req.body);
    return { status: 201, body: term, headers: { etag: etag(term.version), location: termLocation(term.id) } };
  },

  listCommitteeTerms: async (req) => {
    const page = await listTerms(committeeDeps(), req.auth, req.params.id, {
      limit: req.query.limit,
      startKey: decodeCursor(req.query.cursor),
    });
    return { status: 200, body: { items: page.items, nextCursor: page.lastKey ? encodeCursor(page.lastKey) : null } };
  },

  getCommitteeTerm: async (req) => {
    const term = await getTermWithOfficers(committeeDeps(), reader(req), req.params.id, req.query.on);
    return { status: 200, body: term, headers: { etag: etag(term.version) } };
  },

  closeCommitteeTerm: async (req) => {
    const term = await closeCommitteeTerm(committeeDeps(), caller(req), req.params.id, req.body, req.ifMatch);
    return { status: 200, body: term, headers: { etag: etag(term.version) } };
  },

  appointOfficer: async (req) =>
    appointmentOk(await appointOfficer(committeeDeps(), caller(req), req.params.id, req.body), 201),

  getAppointment: async (req) => appointmentOk(await getAppointment(committeeDeps(), req.auth, req.params.id)),

  endAppointment: async (req) =>
    appointmentOk(await endAppointment(committeeDeps(), caller(req), req.params.id, req.body, req.ifMatch)),

  listUnitOfficers: async (req) => ({
    status: 200,
    body: await listUnitOfficers(committeeDeps(), reader(req), req.params.id, req.query.on),
  }),
};
