import type { Case, CaseClass, CaseDeadline } from '@congdoan/contracts';
import type { PendingEvent, WriteContext } from '@congdoan/ddb';

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

/** The case classes (intake's class field), defined in contracts for the routes. */
export { CASE_CLASSES, type CaseClass } from '@congdoan/contracts';

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

/** A case as stored: the case (never the identity) and, apart, its sealed person. */
export interface NewCase {
  record: Case;
  /** The sealed identity, written as its own item in the case's transaction; null for an anonymous report. */
  identity: SealedIdentity | null;
  /** The handling unit and its ancestors, nearest first: the deadline board's index is kept under each. */
  unitChain: readonly string[];
  events: readonly PendingEvent[];
}

export interface CaseChange {
  before: Case;
  after: Case;
  action: string;
  /** The handling unit and its ancestors, nearest first, as read for this change. */
  unitChain: readonly string[];
  events: readonly PendingEvent[];
}

/** One line of the deadline board as the index holds it. */
export interface BoardEntry {
  caseId: string;
  class: CaseClass;
  handlingUnitId: string;
  kind: CaseDeadline['kind'];
  dueDate: string;
  dayKind: CaseDeadline['dayKind'];
}

/** A deadline the daily schedule is to announce, with what it last announced. */
export interface SignalEntry extends BoardEntry {
  /** `approaching` when nothing was announced yet; `overdue` once approaching was. */
  next: 'approaching' | 'overdue';
}

export interface CaseStore {
  get(id: string): Promise<Case | undefined>;
  /** The case, its sealed identity (apart), its deadline index entries, events and audit: one transaction. */
  create(change: NewCase, ctx: WriteContext): Promise<void>;
  /** A step, if the case is still at `before.version`; `ifMatch` turns a lost race into a 412. Index entries follow the deadlines. */
  save(change: CaseChange, ctx: WriteContext, ifMatch?: number): Promise<void>;
  /** The sealed identity of a case (null for an anonymous report). */
  sealedIdentity(caseId: string): Promise<SealedIdentity | null>;
  /** Records one reveal (who, when, why) as its own audit item; every reveal writes a new one. */
  recordReveal(caseId: string, reason: string, ctx: WriteContext): Promise<void>;
  /**
   * The deadline board of a unit's subtree: open deadlines due on or before `horizon`, earliest
   * first, from the index kept under every unit of a case's chain (one Query, whatever the number
   * of open cases).
   */
  board(
    unitId: string,
    horizon: string,
    page: { limit: number; cursor?: string },
  ): Promise<{ items: BoardEntry[]; nextCursor: string | null }>;
  /** Deadlines with an announcement due on or before `day`, from the signal index (a Query, never a Scan). */
  signalsDue(day: string, limit: number): Promise<SignalEntry[]>;
  /**
   * Announces one deadline with its event, if it is still open with that due date and `entry.next`
   * is still what is due; false when another run got there first or a step moved it. `then` is
   * what is due next (`overdue` after approaching; null when nothing more is).
   */
  markSignalled(
    entry: SignalEntry,
    then: { next: 'overdue'; on: string } | null,
    event: PendingEvent,
    ctx: WriteContext,
  ): Promise<boolean>;
  /** Every case a unit's committee handled that was received on or before `lastDay`. */
  receivedBy(handlingUnitId: string, lastDay: string): Promise<Case[]>;
}
