/**
 * What the local platform shows or keeps of events and errors in its logs (`events.jsonl`,
 * `/_local/events`, the dead-letter listing, console lines): personal fields masked and ID
 * numbers and emails scrubbed, by the same rules as the services' logs (http-kit's list).
 */
import { redactPersonalData, scrubText } from '@congdoan/http-kit';

/** A copy of `value` with every personal field (CCCD, salary, names, contacts…) at any depth masked. */
export function maskPersonalData<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, redactPersonalData)) as T;
}

/** Text without ID card, phone or account numbers and emails. */
export function scrubPersonalText(text: string): string {
  return scrubText(text);
}

/** An error as a line of the log: its class and message, scrubbed. */
export function describeError(error: unknown): string {
  return scrubText(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
}
