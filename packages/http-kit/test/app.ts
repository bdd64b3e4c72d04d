import { agencySchema, conflict, DomainError, defineRoute, notFound } from '@congdoan/contracts';
import { type Db, TransactionConflictError } from '@congdoan/ddb';
import { z } from 'zod';
import { createHttpHandler, type HttpHandlerOptions, type HttpRequest } from '../src/index.ts';

export const widgetParams = z.strictObject({ id: z.string().min(1).max(10) });
export const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(50).default(10),
  cursor: z.string().optional(),
});
export const createBody = z.strictObject({
  name: z.string().trim().min(1).max(20),
  level: z.enum(['province', 'grassroots']),
  agency: agencySchema.optional(),
  tags: z.array(z.string().max(5)).max(3).optional(),
});
export const updateBody = z.strictObject({ name: z.string().trim().min(1).max(20) });
export const failBody = z
  .strictObject({
    mode: z.enum(['conflict', 'not-found', 'boom', 'transaction-conflict', 'precondition-required', 'after-create']),
  })
  .optional();

export const routes = [
  defineRoute({
    operationId: 'listWidgets',
    method: 'GET',
    path: '/v1/membership/widgets',
    summary: 'List widgets',
    roles: ['admin', 'officer'],
    request: { query: listQuery },
    responses: { 200: { description: 'A page' } },
  }),
  defineRoute({
    operationId: 'createWidget',
    method: 'POST',
    path: '/v1/membership/widgets',
    summary: 'Create a widget',
    roles: ['admin', 'integration'],
    idempotent: true,
    request: { body: createBody },
    responses: { 201: { description: 'Created' } },
  }),
  defineRoute({
    operationId: 'getWidget',
    method: 'GET',
    path: '/v1/membership/widgets/{id}',
    summary: 'Read a widget',
    roles: ['admin', 'officer', 'member'],
    request: { params: widgetParams },
    responses: { 200: { description: 'The widget' } },
  }),
  defineRoute({
    operationId: 'updateWidget',
    method: 'PATCH',
    path: '/v1/membership/widgets/{id}',
    summary: 'Rename a widget',
    roles: ['admin'],
    conditional: true,
    request: { params: widgetParams, body: updateBody },
    responses: { 200: { description: 'Updated' } },
  }),
  defineRoute({
    operationId: 'deleteWidget',
    method: 'DELETE',
    path: '/v1/membership/widgets/{id}',
    summary: 'Delete a widget',
    roles: ['admin'],
    request: { params: widgetParams },
    responses: { 204: { description: 'Deleted' } },
  }),
  defineRoute({
    operationId: 'failWidget',
    method: 'POST',
    path: '/v1/membership/widgets/{id}/fail',
    summary: 'Fails on purpose',
    roles: ['admin'],
    idempotent: true,
    request: { params: widgetParams, body: failBody },
    responses: { 200: { description: 'Never' } },
  }),
] as const;

export interface Recorder {
  created: HttpRequest[];
  seen: HttpRequest[];
}

/** The test service: widgets kept in memory, counting what each implementation really did. */
export function widgetApp(
  options: { db?: () => Db } & Partial<
    Pick<HttpHandlerOptions<typeof routes>, 'bodyLimitBytes' | 'logger' | 'corsOrigins'>
  > = {},
) {
  const recorder: Recorder = { created: [], seen: [] };
  const handler = createHttpHandler({
    service: 'membership',
    routes,
    db: options.db ?? (() => ({}) as Db),
    bodyLimitBytes: options.bodyLimitBytes,
    logger: options.logger,
    corsOrigins: options.corsOrigins,
    handlers: {
      listWidgets: async (req) => {
        recorder.seen.push(req);
        return { status: 200, body: { items: [], limit: req.query.limit, cursor: req.query.cursor ?? null } };
      },
      createWidget: async (req) => {
        recorder.created.push(req);
        const id = `w${recorder.created.length}`;
        return {
          status: 201,
          body: { id, name: req.body.name, createdAt: new Date(0), by: req.write.actor.id },
          headers: { Location: `/v1/membership/widgets/${id}`, ETag: 'W/"1"' },
        };
      },
      getWidget: async (req) => {
        recorder.seen.push(req);
        if (req.params.id === 'missing') throw notFound({ vi: 'vật', en: 'widget' }, req.params.id);
        return { status: 200, body: { id: req.params.id, lang: req.lang } };
      },
      updateWidget: async (req) => {
        recorder.seen.push(req);
        return { status: 200, body: { id: req.params.id, name: req.body.name, ifMatch: req.ifMatch ?? null } };
      },
      deleteWidget: async () => ({ status: 204, body: { ignored: true } }),
      failWidget: async (req) => {
        recorder.seen.push(req);
        switch (req.body?.mode) {
          case 'conflict':
            throw conflict('widget-taken', { vi: 'Tên đã có', en: 'The name is taken' });
          case 'not-found':
            throw notFound({ vi: 'vật', en: 'widget' }, req.params.id);
          case 'transaction-conflict':
            throw new TransactionConflictError(new Error('TransactionConflict'));
          case 'precondition-required':
            throw new DomainError(
              'precondition-required',
              'if-match-required',
              { vi: 'Thiếu If-Match', en: 'If-Match required' },
              { vi: 'Cần If-Match', en: 'Send If-Match' },
            );
          default: {
            const secret = new Error('cccd 001203004567 leaked from SELECT * FROM members');
            secret.name = 'SecretDatabaseError';
            throw secret;
          }
        }
      },
    },
  });
  return { handler, recorder };
}
