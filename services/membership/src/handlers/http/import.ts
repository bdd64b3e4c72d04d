import { decodeCursor, encodeCursor, type RouteHandlers } from '@congdoan/http-kit';
import { exportUnitMembers, importTemplate } from '../../app/imports/downloads.ts';
import {
  createImport,
  listImportErrors,
  listUnitImports,
  putImportChunk,
  readImportInScope,
  startImport,
} from '../../app/imports/jobs.ts';
import { type ImportJobState, importUrl, jobView, localizeError } from '../../app/imports/model.ts';
import type { importRoutes } from '../../import-routes.ts';
import { membershipDeps } from '../deps.ts';
import { importDeps } from '../imports.ts';
import { caller } from './caller.ts';

/** 202 with the job's URL while it is queued or running; 200 for a job already over (or refused). */
const accepted = (job: ImportJobState, lang: 'vi' | 'en') =>
  job.status === 'queued' || job.status === 'running'
    ? { status: 202, body: jobView(job, lang), headers: { location: importUrl(job.id) } }
    : { status: 200, body: jobView(job, lang) };

export const importHandlers: RouteHandlers<typeof importRoutes> = {
  getMemberImportTemplate: async () => ({ status: 200, body: await importTemplate() }),

  createMemberImport: async (req) => {
    const job = await createImport(importDeps(), caller(req), req.params.id, req.body);
    if (job.status === 'uploading') {
      return { status: 201, body: jobView(job, req.lang), headers: { location: importUrl(job.id) } };
    }
    return accepted(job, req.lang);
  },

  putMemberImportChunk: async (req) => ({
    status: 200,
    body: await putImportChunk(importDeps(), caller(req), req.params.id, req.params.index, req.body.content),
  }),

  startMemberImport: async (req) => accepted(await startImport(importDeps(), caller(req), req.params.id), req.lang),

  getMemberImport: async (req) => ({
    status: 200,
    body: jobView(await readImportInScope(importDeps(), req.auth, req.params.id), req.lang),
  }),

  listMemberImportErrors: async (req) => {
    const page = await listImportErrors(importDeps(), req.auth, req.params.id, {
      limit: req.query.limit,
      startKey: decodeCursor(req.query.cursor),
    });
    return {
      status: 200,
      body: {
        items: page.items.flatMap((r) => r.errors.map((e) => localizeError(e, req.lang))),
        nextCursor: page.lastKey ? encodeCursor(page.lastKey) : null,
      },
    };
  },

  listUnitMemberImports: async (req) => {
    const page = await listUnitImports(importDeps(), req.auth, req.params.id, {
      limit: req.query.limit,
      startKey: decodeCursor(req.query.cursor),
    });
    return {
      status: 200,
      body: {
        items: page.items.map((job) => jobView(job, req.lang)),
        nextCursor: page.lastKey ? encodeCursor(page.lastKey) : null,
      },
    };
  },

  exportUnitMembers: async (req) => ({
    status: 200,
    body: await exportUnitMembers(membershipDeps(), req.auth, req.params.id, {
      status: req.query.status,
      now: req.write.now(),
    }),
  }),
};
