import { DomainError } from '@congdoan/contracts';

/** The DomainError `promise` rejects with; any other outcome fails the test. */
export async function domainError(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

/** The DomainError `fn` throws; any other outcome fails the test. */
export function domainErrorThrown(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}
