/**
 * The ports of complaints, denunciations and reports (cases) that other parts of inspection and
 * its adapters meet at: the identity cipher a case's person is sealed with, and the figures the
 * annual report reads. Use cases own them; adapters implement them.
 */

/**
 * A person's identity (name, CCCD, contacts, address) sealed for one case: ciphertext only,
 * stored apart from the case item and never returned by a list, export, event, log or audit image.
 */
export interface SealedIdentity {
  /** The encrypted identity, base64. */
  ciphertext: string;
  /** The key that sealed it: a KMS key ARN in AWS, `local:<fingerprint>` locally. */
  keyId: string;
}

/**
 * Encrypts and decrypts a case's person identity. The case id is bound to the ciphertext (KMS
 * encryption context, AES-GCM additional data): a ciphertext moved to another case does not open.
 * In AWS a KMS key (`KmsIdentityCipher`); locally and in tests a local AES-256-GCM key.
 */
export interface IdentityCipher {
  seal(caseId: string, plaintext: string): Promise<SealedIdentity>;
  open(caseId: string, sealed: SealedIdentity): Promise<string>;
}

/** The case classes (intake's class field). */
export const CASE_CLASSES = [
  'complaint-first',
  'complaint-second',
  'denunciation',
  'anonymous-report',
  'petition',
] as const;
export type CaseClass = (typeof CASE_CLASSES)[number];

/** One class's year at a handling unit, as the annual report shows it. */
export interface CaseClassFigures {
  /** Cases received (intake date) in the year. */
  received: number;
  /** Of those, accepted (thụ lý) / refused. */
  accepted: number;
  refused: number;
  /** Transferred to the competent body. */
  transferred: number;
  /** Cases resolved (concluded or decided) in the year: by their resolution deadline (extensions included), or after it. */
  resolvedOnTime: number;
  resolvedLate: number;
  /** Open at the year's end (or today, for the current year). */
  open: number;
}

export type CaseYearFigures = Record<CaseClass, CaseClassFigures>;

/** The annual report's view of the cases a unit's inspection committee handled. */
export interface CaseFigures {
  yearFigures(handlingUnitId: string, year: number): Promise<CaseYearFigures>;
}

/**
 * The most a sealed identity may hold, in UTF-8 bytes: what one KMS Encrypt takes (4 KiB). Both
 * ciphers refuse more, so what seals locally also seals in AWS; a person's name, CCCD, contacts
 * and address as JSON are far below it, and the intake's schema should keep them there.
 */
export const IDENTITY_MAX_BYTES = 4096;

/** An identity over `IDENTITY_MAX_BYTES` was given to seal. Says its size only, never its content. */
export class IdentityTooLargeError extends Error {
  constructor(readonly bytes: number) {
    super(`an identity of ${bytes} bytes is over the ${IDENTITY_MAX_BYTES} bytes a cipher seals (KMS's limit)`);
    this.name = 'IdentityTooLargeError';
  }
}

/** Refuses an identity over `IDENTITY_MAX_BYTES`: every `IdentityCipher` calls it before sealing. */
export function assertSealable(plaintext: string): void {
  const bytes = Buffer.byteLength(plaintext, 'utf8');
  if (bytes > IDENTITY_MAX_BYTES) throw new IdentityTooLargeError(bytes);
}

/**
 * A sealed identity that does not open: moved to another case, tampered with, or sealed under
 * another key. Names the case and the cause's kind only, never the identity.
 */
export class IdentityUnreadableError extends Error {
  constructor(caseId: string, reason: string, options?: { cause?: unknown }) {
    super(`the sealed identity of case ${caseId} does not open: ${reason}`, options);
    this.name = 'IdentityUnreadableError';
  }
}
