import type { WriteItem } from '@congdoan/ddb';

/** `ADD` of several counters to one item; counter names are arbitrary, so each goes through a placeholder. */
export function addCounters(key: Record<string, string>, deltas: Record<string, number>, unitId: string): WriteItem {
  const names: Record<string, string> = { '#unitId': 'unitId' };
  const values: Record<string, unknown> = { ':unitId': unitId };
  const parts = Object.entries(deltas).map(([name, delta], i) => {
    names[`#c${i}`] = name;
    values[`:c${i}`] = delta;
    return `#c${i} :c${i}`;
  });
  return {
    Update: {
      Key: key,
      UpdateExpression: `SET #unitId = :unitId ADD ${parts.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}
