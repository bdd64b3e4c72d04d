/**
 * Every name and free-text field of every service's requests uses the shared text
 * type (`textSchema` in packages/contracts): derived from the manifests, so a field
 * added tomorrow, in any service, is held to it without editing this test.
 */
import { MANIFESTS } from '@congdoan/registry';
import { describe, expect, it } from 'vitest';

/** Fields that hold identifiers or opaque values, not text a person wrote. */
const NOT_TEXT = /(^id$|Id$|Ids$|^cursor$|^subject$|^content$|^encoding$)/;

/** The little of a zod schema this walk reads (zod itself is not a dependency of the root). */
interface Schema {
  safeParse(value: unknown): { success: boolean; data?: unknown };
}

interface Def {
  type: string;
  shape?: Record<string, Schema>;
  innerType?: Schema;
  in?: Schema;
  element?: Schema;
  options?: Schema[];
  left?: Schema;
  right?: Schema;
}

const defOf = (schema: Schema) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Each field reachable in a request schema, by its path. */
function fields(schema: Schema, path: string, out: Map<string, Schema>): Map<string, Schema> {
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      for (const [key, field] of Object.entries(def.shape ?? {})) {
        const at = path ? `${path}.${key}` : key;
        out.set(at, field);
        fields(field, at, out);
      }
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      if (def.innerType) fields(def.innerType, path, out);
      break;
    case 'pipe':
      if (def.in) fields(def.in, path, out);
      break;
    case 'array':
      if (def.element) fields(def.element, `${path}[]`, out);
      break;
    case 'union':
      for (const option of def.options ?? []) fields(option, path, out);
      break;
    case 'intersection':
      if (def.left) fields(def.left, path, out);
      if (def.right) fields(def.right, path, out);
      break;
  }
  return out;
}

const routes = MANIFESTS.flatMap((m) => m.routes.map((route) => ({ service: m.service, route })));

describe('names and free text in every request', () => {
  it('are the shared text type: a field that takes a name refuses a bidi override, NUL and a lone surrogate', () => {
    const offenders: string[] = [];
    let checked = 0;
    for (const { service, route } of routes) {
      for (const [where, schema] of [
        ['body', route.request?.body],
        ['query', route.request?.query],
      ] as const) {
        if (!schema) continue;
        for (const [path, field] of fields(schema, '', new Map())) {
          const key = path.split('.').at(-1)!.replace('[]', '');
          if (NOT_TEXT.test(key) || !field.safeParse('Nguyễn Văn An').success) continue;
          checked++;
          for (const bad of ['Nguyễn \u202eVăn An', 'Nguyễn\u0000 Văn An', 'Nguyễn \ud800Văn An']) {
            if (field.safeParse(bad).success) {
              offenders.push(`${service} ${route.operationId} ${where}.${path} takes ${JSON.stringify(bad)}`);
            }
          }
        }
      }
    }
    expect(offenders).toEqual([]);
    // The walk reached the text fields (names, reasons, notes, memos…), not nothing.
    expect(checked).toBeGreaterThan(30);
  });

  it('are normalised to NFC', () => {
    const decomposed = 'Nguyễn Văn An'.normalize('NFD');
    const unnormalised: string[] = [];
    for (const { route } of routes) {
      const body = route.request?.body;
      if (!body) continue;
      for (const [path, field] of fields(body, '', new Map())) {
        const key = path.split('.').at(-1)!.replace('[]', '');
        if (NOT_TEXT.test(key)) continue;
        const parsed = field.safeParse(decomposed);
        if (parsed.success && parsed.data !== 'Nguyễn Văn An') unnormalised.push(`${route.operationId} ${path}`);
      }
    }
    expect(unnormalised).toEqual([]);
  });
});
