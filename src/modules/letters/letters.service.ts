import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock.js';
import { invalid, notFound } from '../../common/errors/domain-error.js';
import { normaliseMoney } from '../../common/money/money.js';
import { FileStorage } from '../../common/storage/file-storage.js';
import { AppConfig } from '../../config/app-config.js';
import { Transactions } from '../../common/database/transaction.js';
import { AuditService } from '../audit/audit.service.js';
import type { LetterContent } from './domain/letter-content.js';
import type { LetterSubject } from './domain/letter-subject.js';
import { newVerificationCode, normaliseVerificationCode, verificationCodeHash } from './domain/verification-code.js';
import { type LetterSummary, toLetterStatement, toLetterSummary, type VerificationResponse } from './dto/letter.dto.js';
import type { AwardLetter } from './entities/award-letter.entity.js';
import { letterNotReady } from './letters.errors.js';
import { type LetterFacts, LettersRepository } from './letters.repository.js';
import type { PendingLetterRow } from './letters.sql.js';
import { LetterRenderer } from './render/letter-renderer.js';
import { LetterTemplates } from './render/letter-templates.js';

/** Letters the scheduler renders per run at most. */
const DUE_BATCH = 50;

/** What an award letter names besides the award: for approvals that read it themselves. */
export type { LetterFacts };

/** Where a letter's QR code points; the code in the path is its only key, so the request log writes the template. */
export const VERIFICATION_PREFIX = '/api/v1/letters/verify';

/**
 * Award letters: created pending with fixed content in the transaction of the approval or
 * amendment, rendered once after it commits, stored with their SHA-256. A rendering that fails
 * leaves the award valid and the letter pending; the scheduler and the next download try again.
 */
@Injectable()
export class LettersService implements BeforeApplicationShutdown {
  private readonly log = new Logger('Letters');
  /** Awards whose letters wait for background rendering, and the loop rendering them. */
  private readonly waiting = new Set<string>();
  private rendering: Promise<void> | null = null;

  constructor(
    private readonly repository: LettersRepository,
    private readonly renderer: LetterRenderer,
    private readonly templates: LetterTemplates,
    private readonly storage: FileStorage,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** In the caller's transaction: the letter of `award`'s current version, in the award's language, content fixed now. */
  async createPending(manager: EntityManager, award: LetterSubject, at: Date, amendment: LetterContent['amendment']): Promise<AwardLetter> {
    const letter = this.pendingLetter(award, at, amendment, await this.repository.facts(manager, award));
    return this.repository.insert(manager, {
      awardId: award.id,
      version: letter.version,
      language: letter.language,
      verificationCode: letter.verificationCode,
      verificationCodeHash: letter.verificationCodeHash,
      content: { awardNumber: award.number, ...letter.content },
    });
  }

  /**
   * In the caller's transaction: the letter of an award that has no number yet, content fixed now;
   * `pendingLetterInsert` inserts it with the number in the statement that numbers the award.
   */
  /** The pending letter of a new award, from the facts the approval read (its organisation, fund, approvers' names). */
  pendingLetterRow(award: Omit<LetterSubject, 'id' | 'number'>, at: Date, facts: LetterFacts): PendingLetterRow {
    const letter = this.pendingLetter(award, at, null, facts);
    return { ...letter, content: JSON.stringify(letter.content) };
  }

  private pendingLetter(
    award: Omit<LetterSubject, 'id' | 'number'>,
    at: Date,
    amendment: LetterContent['amendment'],
    facts: LetterFacts,
  ): Omit<PendingLetterRow, 'content'> & { content: Omit<LetterContent, 'awardNumber'> } {
    const code = newVerificationCode();
    return {
      version: award.letterVersion,
      language: this.templates.resolve(award.language),
      verificationCode: code,
      verificationCodeHash: verificationCodeHash(code),
      content: {
        version: award.letterVersion,
        issuedOn: at.toISOString(),
        fund: { name: facts.fundName, country: award.country },
        organisation: { name: facts.organisationName, address: facts.organisationAddress },
        beneficiaryCode: facts.beneficiaryCode,
        applicationReference: facts.applicationReference,
        currency: award.currency,
        amount: normaliseMoney(award.amount),
        items: award.items.map((i) => ({ type: i.type, description: i.description, amount: normaliseMoney(i.amount) })),
        conditions: award.conditions,
        approvers: award.approvers.map((a) => ({ name: facts.officerNames.get(a.officerId) ?? a.officerId, at: a.at })),
        amendment,
        verificationCode: code,
        verificationUrl: this.verificationUrl(code),
      },
    };
  }

  /**
   * After the approval or amendment committed: renders the award's pending letters. Never throws:
   * the decision is already made, so a failure is logged and left to the scheduler.
   */
  async issuePending(awardId: string): Promise<void> {
    try {
      for (const id of await this.repository.pendingIds(awardId)) await this.issue(id, false);
    } catch (err) {
      this.log.error(
        `letters of award ${awardId} left for the scheduler: ${err instanceof Error ? err.message.slice(0, 200) : 'unknown error'}`,
      );
    }
  }

  /**
   * After an approval committed: its letters are rendered after the answer has gone, one award at
   * a time per instance, so a burst of approvals is not held up by PDF rendering (it cost about
   * two thirds of an approval: docs/benchmarks.md, "Approvals"). Until then the letter is `pending`;
   * a download renders it at once, and one left behind (a crash, a shutdown) is the scheduler's.
   */
  issueInBackground(awardId: string): void {
    this.waiting.add(awardId);
    this.rendering ??= this.drain();
  }

  /** Resolves when no letter waits for background rendering (tests; shutdown). */
  async idle(): Promise<void> {
    while (this.rendering) await this.rendering;
  }

  /** Nest calls it before connections close: the letter being rendered finishes, the rest stay pending. */
  async beforeApplicationShutdown(): Promise<void> {
    this.waiting.clear();
    await this.idle();
  }

  private async drain(): Promise<void> {
    try {
      while (this.waiting.size) {
        // after the answers already waiting to be written
        await new Promise((resolve) => setImmediate(resolve));
        const [awardId] = this.waiting;
        this.waiting.delete(awardId);
        await this.issuePending(awardId);
      }
    } finally {
      this.rendering = null;
    }
  }

  /** The scheduler's job: letters whose rendering failed before and are due for another try. */
  async issueDue(): Promise<number> {
    let issued = 0;
    for (const id of await this.repository.dueIds(this.clock.now(), DUE_BATCH)) if (await this.issue(id, true)) issued++;
    return issued;
  }

  /**
   * Renders and stores one letter, once: the row is locked while it renders, so two callers never
   * both render it (with `skipLocked` a busy letter is left to whoever holds it). Null when it
   * failed; the failure is recorded for the retry.
   */
  async issue(id: string, skipLocked: boolean): Promise<AwardLetter | null> {
    try {
      return await this.transactions.run(async (m) => {
        const letter = await this.repository.lockForIssue(m, id, skipLocked);
        if (!letter || letter.status === 'issued') return letter;
        const bytes = await this.renderer.render(letter.content, this.templates.get(letter.language));
        const file = await this.storage.put(m, bytes);
        const now = this.clock.now();
        await this.repository.markIssued(m, id, file, now);
        await this.audit.record(m, {
          action: 'letter.issue',
          entityType: 'award_letter',
          entityId: id,
          after: { awardId: letter.awardId, version: letter.version, language: letter.language, sha256: file.sha256, size: file.size },
        });
        return { ...letter, status: 'issued' as const, fileKey: file.key, sha256: file.sha256, sizeBytes: file.size, issuedAt: now };
      });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      // the content holds no personal data, but the message is kept short and without it anyway
      this.log.error(`award letter ${id} could not be rendered: ${message.slice(0, 200)}`);
      await this.repository.recordFailure(id, message, this.clock.now()).catch(() => undefined); // the letter stays due
      return null;
    }
  }

  /**
   * The stored bytes of a letter: version (default current) and language (default the award's).
   * Another language of an existing version is issued on first request, with the same content and
   * its own verification code; the bytes of an issued letter are never rendered again.
   */
  async download(award: LetterSubject, query: { version?: number; lang?: string }): Promise<{ letter: AwardLetter; bytes: Buffer }> {
    if (query.lang !== undefined && !this.templates.has(query.lang)) {
      throw invalid([{ field: 'lang', message: `lang must be one of ${this.templates.languages.join(', ')}` }]);
    }
    const version = query.version ?? award.letterVersion;
    if (version > award.letterVersion) throw notFound('Letter');
    const letter = await this.prepare(award, version, query.lang ?? this.templates.resolve(award.language));
    if (letter.status !== 'issued' || !letter.fileKey) {
      throw letterNotReady();
    }
    const bytes = await this.transactions.singleStatement((m) => this.storage.get(m, letter.fileKey!));
    if (!bytes) throw new Error(`stored letter ${letter.id} has no bytes`);
    return { letter, bytes };
  }

  /**
   * The award's current letter in `language` (a template language), made and issued as a download
   * would; still `pending` when its rendering failed (the scheduler retries it).
   */
  current(award: LetterSubject, language: string): Promise<AwardLetter> {
    return this.prepare(award, award.letterVersion, language);
  }

  /** The languages a letter can be written in (one per template). */
  get languages(): string[] {
    return this.templates.languages;
  }

  /** The language a letter asked for in `language` is written in (kk → ru until a Kazakh template exists). */
  letterLanguage(language: string): string {
    return this.templates.resolve(language);
  }

  /** The letter of this version and language, created from another language's content if needed, and issued if it can be now. */
  private async prepare(award: LetterSubject, version: number, language: string): Promise<AwardLetter> {
    let letter = await this.repository.find(award.id, version, language);
    if (!letter) {
      const source = await this.repository.anyOfVersion(award.id, version);
      if (!source) throw notFound('Letter');
      const code = newVerificationCode();
      await this.transactions.singleStatement((m) =>
        this.repository.insertIfAbsent(m, {
          awardId: award.id,
          version,
          language,
          verificationCode: code,
          verificationCodeHash: verificationCodeHash(code),
          content: { ...source.content, verificationCode: code, verificationUrl: this.verificationUrl(code) },
        }),
      );
      letter = (await this.repository.find(award.id, version, language))!;
    }
    if (letter.status !== 'issued') letter = (await this.issue(letter.id, false)) ?? letter;
    return letter;
  }

  /** Every letter of these awards, oldest version first. */
  async summaries(awardIds: string[]): Promise<Map<string, LetterSummary[]>> {
    const byAward = new Map<string, LetterSummary[]>();
    for (const l of await this.repository.listForAwards(awardIds)) {
      const list = byAward.get(l.awardId) ?? [];
      list.push(toLetterSummary(l));
      byAward.set(l.awardId, list);
    }
    return byAward;
  }

  /**
   * Public: what a letter with this code says and whether it is still the award's current letter.
   * The code is looked up by its hash (see verification-code.ts); unknown codes answer 404.
   */
  async verify(input: string): Promise<VerificationResponse> {
    const code = normaliseVerificationCode(input);
    if (!code) throw invalid([{ field: 'code', message: 'code must be the 32-character verification code printed on the letter' }]);
    const letter = await this.repository.findByCodeHash(verificationCodeHash(code));
    if (!letter || letter.status !== 'issued') throw notFound('Letter');
    const current = letter.version === letter.award.letterVersion;
    return {
      valid: current,
      status: current ? 'current' : 'superseded',
      currentVersion: letter.award.letterVersion,
      ...toLetterStatement(letter),
      issuedAt: letter.issuedAt!.toISOString(),
      sha256: letter.sha256!,
    };
  }

  private verificationUrl(code: string): string {
    return `${this.config.publicBaseUrl}${VERIFICATION_PREFIX}/${code}`;
  }
}
