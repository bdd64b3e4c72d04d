/**
 * Keys of member import jobs in the membership table. Every item of one job shares
 * the partition `IMPORT#<id>`, so a job's chunks, row pages and errors are each one
 * Query. The prefixes `IMPORT#` and `UNITIMPORTS#` are used by nothing in keys.ts.
 */
const jobPk = (id: string) => `IMPORT#${id}`;
const pad = (n: number, width: number) => String(n).padStart(width, '0');

export const importJobKey = (id: string) => ({ pk: jobPk(id), sk: 'JOB' });
/** An uploaded piece of the file, by its index. */
export const importChunkKey = (id: string, index: number) => ({ pk: jobPk(id), sk: `CHUNK#${pad(index, 5)}` });
export const IMPORT_CHUNK_PREFIX = 'CHUNK#';
/** A page of parsed rows (the job's unit of work and checkpoint). */
export const importRowsKey = (id: string, page: number) => ({ pk: jobPk(id), sk: `ROWS#${pad(page, 5)}` });
/** The errors of one row of the file, so they page in row order. */
export const importErrorKey = (id: string, row: number) => ({ pk: jobPk(id), sk: `ERROR#${pad(row, 7)}` });
export const IMPORT_ERROR_PREFIX = 'ERROR#';
export const importPartition = jobPk;
/** gsi1: a unit's imports, newest first when read backwards. */
export const unitImportsIndex = (unitId: string, createdAt: string, id: string) => ({
  gsi1pk: `UNITIMPORTS#${unitId}`,
  gsi1sk: `${createdAt}#${id}`,
});
