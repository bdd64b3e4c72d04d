/** Every key of the membership table is built here. */
export const unitKey = (id: string) => ({ pk: `UNIT#${id}`, sk: 'UNIT' });
export const unitCodeKey = (code: string) => ({ pk: `UNITCODE#${code}`, sk: 'UNITCODE' });
/** gsi1: a parent's children, active ones first by code. */
export const childrenIndex = (parentId: string | null, status: string, code: string) => ({
  gsi1pk: `CHILDREN#${parentId ?? 'ROOT'}`,
  gsi1sk: `${status}#${code}`,
});
/** gsi2: every unit, for maintenance jobs that walk the whole tree. */
export const allUnitsIndex = (level: string, code: string) => ({ gsi2pk: 'UNITS', gsi2sk: `${level}#${code}` });
