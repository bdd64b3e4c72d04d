import { etag } from '@congdoan/ddb';

/** A versioned resource's answer: its ETag, and where it lives when it was just created (201). */
export const versioned = <T extends { id: string; version: number }>(body: T, collection: string, status = 200) => ({
  status,
  body,
  headers: {
    etag: etag(body.version),
    ...(status === 201 ? { location: `${collection}/${encodeURIComponent(body.id)}` } : {}),
  },
});
