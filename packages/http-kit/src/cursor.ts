/** The HTTP stack's page cursors are the one codec every list uses (`@congdoan/contracts`, `cursor.ts`). */
export { decodeCursor, encodeCursor } from '@congdoan/contracts';
