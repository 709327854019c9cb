// Test doubles shared by the services' unit tests (no database, no Nest testing module). Only
// common/ is imported here, so the module graph keeps common below the feature modules.
import { expect, jest } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { Clock } from '../clock/clock.js';
import type { MessageRows, Statement, Transactions } from '../database/transaction.js';
import { DomainError, type ErrorKind } from '../errors/domain-error.js';

/** A test double handed to a constructor that wants the real type. */
export const as = <T>(fake: unknown): T => fake as T;

/** The clock's time in these tests: a Tuesday. */
export const NOW = new Date('2026-03-10T09:00:00.000Z');

/** A clock that stands still (and moves only when a test says so). */
export class FixedClock extends Clock {
  constructor(private at: Date = NOW) {
    super();
  }

  override now(): Date {
    return new Date(this.at.getTime());
  }

  set(at: Date): void {
    this.at = at;
  }
}

/**
 * A manager the service only hands on to its collaborators, except `query`, which free functions
 * such as `trancheTotals(manager, awardId)` call directly: a test answers it with `mockResolvedValue`.
 */
export interface FakeManager {
  readonly name: string;
  readonly query: jest.Mock<(sql: string, params?: unknown[]) => Promise<unknown[]>>;
}

function fakeManager(name: string): FakeManager & EntityManager {
  return as({ name, query: jest.fn<(sql: string, params?: unknown[]) => Promise<unknown[]>>().mockResolvedValue([]) });
}

/**
 * Runs the use case's callback at once. `run` hands it the transaction's manager and
 * `singleStatement` another one, so a test can tell what was written inside the transaction.
 */
export class FakeTransactions {
  readonly manager = fakeManager('transaction');
  readonly statementManager = fakeManager('single statement');
  readonly run = jest.fn(<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> => work(this.manager));
  readonly singleStatement = jest.fn(<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> => work(this.statementManager));
  /** The rows `runCommittingWith` answers for a first statement, and for a last one (as if PostgreSQL ran it and committed). */
  firstStatementRows: Record<string, unknown>[] = [];
  lastStatementRows: Record<string, unknown>[] = [];
  readonly runCommittingWith = jest.fn(
    async <T>(
      _first: Statement,
      work: (manager: EntityManager, firstRows: Record<string, unknown>[]) => Promise<{ value: T; last: Statement | null }>,
    ): Promise<{ value: T; rows: Record<string, unknown>[] | null }> => {
      const { value, last } = await work(this.manager, this.firstStatementRows);
      return { value, rows: last ? this.lastStatementRows : null };
    },
  );

  /** The rows `runInMessages` gives `work` for its first statements (none for each by default), and answers for its last ones. */
  firstMessageRows: MessageRows | null = null;
  lastMessageRows: MessageRows = [];
  readonly runInMessages = jest.fn(
    async <T>(
      first: Statement[],
      work: (manager: EntityManager, firstRows: MessageRows) => Promise<{ value: T; last: Statement[] }>,
    ): Promise<{ value: T; rows: MessageRows }> => {
      const { value, last } = await work(this.manager, this.firstMessageRows ?? first.map(() => []));
      return { value, rows: last.length ? this.lastMessageRows : [] };
    },
  );

  get asTransactions(): Transactions {
    return as<Transactions>(this);
  }
}

/** The access service's answers, the real rules by default; a test overrides one with `mockReturnValue`. */
export function fakeAccess() {
  const real = new AccessService();
  return {
    countryScope: jest.fn((user: AuthUser) => real.countryScope(user)),
    listScope: jest.fn((user: AuthUser) => real.listScope(user)),
    canSeeOrganisationRecords: jest.fn((user: AuthUser, organisationId: string, country: string) =>
      real.canSeeOrganisationRecords(user, organisationId, country),
    ),
    canSeeBeneficiaryPii: jest.fn((user: AuthUser, organisationId: string) => real.canSeeBeneficiaryPii(user, organisationId)),
    canSeeCountry: jest.fn((user: AuthUser, country: string) => real.canSeeCountry(user, country)),
  };
}

export const ORG_A = '0a000000-0000-4000-8000-00000000000a';
export const ORG_B = '0b000000-0000-4000-8000-00000000000b';

const user = (overrides: Partial<AuthUser> = {}): AuthUser => ({
  id: 'u0000000-0000-4000-8000-000000000001',
  email: 'someone@example.org',
  role: 'officer',
  organisationId: null,
  countries: ['KZ'],
  ...overrides,
});

export const officer = (id = 'officer-1', overrides: Partial<AuthUser> = {}) =>
  user({ id, email: `${id}@example.org`, role: 'officer', countries: ['KZ'], ...overrides });
export const admin = (id = 'admin-1') => user({ id, email: `${id}@example.org`, role: 'admin', countries: [] });
export const finance = (id = 'finance-1') => user({ id, email: `${id}@example.org`, role: 'finance', countries: [] });
export const ngoUser = (organisationId = ORG_A, id = 'ngo-1') =>
  user({ id, email: `${id}@example.org`, role: 'ngo', organisationId, countries: ['KZ'] });

/** The promise's rejection, asserted to be a DomainError of this code and kind (never its wording). */
export async function domainError(promise: Promise<unknown>, code: string, kind: ErrorKind): Promise<DomainError> {
  const outcome = await promise.then(
    (value) => ({ resolved: value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a DomainError ${code}, the call resolved`);
  expect(outcome.error).toBeInstanceOf(DomainError);
  expect(outcome.error).toMatchObject({ code, kind });
  return outcome.error as DomainError;
}

/**
 * The names of the mocks in the order they were called, one entry per call (jest numbers every
 * mock call globally), so a test can assert "lock, check, write, ledger, audit".
 */
export function callOrder(mocks: Record<string, { mock: { invocationCallOrder: number[] } }>): string[] {
  return Object.entries(mocks)
    .flatMap(([name, m]) => m.mock.invocationCallOrder.map((at) => ({ name, at })))
    .sort((a, b) => a.at - b.at)
    .map((c) => c.name);
}
