import type { WriteContext } from './context.ts';

/** One change to one entity: who, when, what, before and after. Written in the change's own transaction. */
export interface AuditEntry {
  entityType: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
}

export const auditPk = (entityType: string, entityId: string) => `AUDIT#${entityType}#${entityId}`;

export function auditItem(entry: AuditEntry, ctx: WriteContext, eventId: string | undefined): Record<string, unknown> {
  const at = ctx.now().toISOString();
  const id = eventId ?? ctx.newId();
  return {
    pk: auditPk(entry.entityType, entry.entityId),
    sk: `${at}#${id}`,
    kind: 'audit',
    entityType: entry.entityType,
    entityId: entry.entityId,
    action: entry.action,
    actor: ctx.actor,
    correlationId: ctx.correlationId,
    at,
    before: entry.before ?? null,
    after: entry.after ?? null,
  };
}
