import { Logger } from '@aws-lambda-powertools/logger';
import type { ConstructorOptions } from '@aws-lambda-powertools/logger/types';

/**
 * Key fragments naming personal or secret data (compared lower-case, without
 * `_`, `-` or spaces), so `idNumber`, `id_number` and `homeAddress` all match.
 */
const SENSITIVE_FRAGMENTS = [
  'cccd',
  'cmnd',
  'idnumber',
  'passport',
  'salary',
  'phone',
  'email',
  'dateofbirth',
  'birthdate',
  'fullname',
  'address',
  'authorization',
  'token',
  'password',
  'secret',
  'cookie',
  'denouncer',
  'bankaccount',
  // health circumstances (welfare support cases)
  'health',
  'medical',
  'diagnos',
  'circumstance',
];
const SENSITIVE_EXACT = new Set(['dob']);

export const REDACTED = '***';

export function isSensitiveKey(key: string): boolean {
  const normalized = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (normalized.length === 0) return false;
  return SENSITIVE_EXACT.has(normalized) || SENSITIVE_FRAGMENTS.some((fragment) => normalized.includes(fragment));
}

/** ID card, phone and account numbers (9+ digits) and email addresses, as they slip into error messages. */
const PERSONAL_TEXT = [/\+?\b\d{9,}\b/g, /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g];

export function scrubText(text: string): string {
  return PERSONAL_TEXT.reduce((out, pattern) => out.replace(pattern, REDACTED), text);
}

/** A copy of an error whose message and stack carry no personal numbers or emails; its class name and fields stay. */
function scrubError(error: Error, depth = 0): Error {
  const { name, message, stack, cause, ...fields } = error;
  const copy = new Error(scrubText(String(message)));
  copy.name = name;
  copy.stack = typeof stack === 'string' ? scrubText(stack) : stack;
  if (cause !== undefined) copy.cause = cause instanceof Error && depth < 5 ? scrubError(cause, depth + 1) : cause;
  return Object.assign(copy, fields);
}

/**
 * A JSON replacer masking personal data at any depth: Powertools calls it for
 * every key of every log item before serialising it, so nothing sensitive
 * reaches CloudWatch whatever a caller passes to the logger. Errors also lose
 * ID, phone and account numbers and emails from their message and stack.
 */
export function redactPersonalData(key: string, value: unknown): unknown {
  if (value === undefined || value === null) return value;
  if (isSensitiveKey(key)) return REDACTED;
  if (value instanceof Error) return scrubError(value);
  return value;
}

/** The service's Powertools Logger, with personal data redacted. */
export function createLogger(service: string, options: Omit<ConstructorOptions, 'jsonReplacerFn'> = {}): Logger {
  return new Logger({ serviceName: service, ...options, jsonReplacerFn: redactPersonalData } as ConstructorOptions);
}
