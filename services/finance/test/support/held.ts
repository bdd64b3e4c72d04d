import type { Db } from '@congdoan/ddb';

/**
 * The table, with every command `holds` picks held until `release()`; `atRead` settles
 * when the first is. Forces a race deterministically: one writer waits between its
 * reads while another commits.
 */
export function heldAt(db: Db, holds: (command: unknown) => boolean) {
  let reached!: () => void;
  const atRead = new Promise<void>((resolve) => {
    reached = resolve;
  });
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const held: Db = {
    ...db,
    client: {
      send: async (command: unknown) => {
        if (holds(command)) {
          reached();
          await released;
        }
        return db.client.send(command as never);
      },
    } as unknown as Db['client'],
  };
  return { held, atRead, release };
}
