import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { invalid } from '../errors/domain-error.js';

export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

interface CursorKey {
  t: string; // created_at, ISO with milliseconds
  id: string;
}

function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify([key.t, key.id])).toString('base64url');
}

function decodeCursor(cursor: string): CursorKey {
  try {
    const [t, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof t !== 'string' || Number.isNaN(Date.parse(t)) || typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) {
      throw new Error('bad cursor');
    }
    return { t, id };
  } catch {
    throw invalid([{ field: 'cursor', message: 'cursor is not a cursor this list returned' }]);
  }
}

/**
 * Keyset pagination, newest first, on (created_at, id). created_at columns are stored with millisecond
 * precision so the cursor round-trips exactly through JavaScript dates.
 */
export async function keysetPage<E extends ObjectLiteral & { id: string; createdAt: Date }>(
  qb: SelectQueryBuilder<E>,
  query: PageQueryDto,
): Promise<Page<E>> {
  const alias = qb.alias;
  const limit = query.limit ?? 50;
  if (query.cursor) {
    const key = decodeCursor(query.cursor);
    qb.andWhere(`(${alias}.createdAt, ${alias}.id) < (:cursorT, :cursorId)`, { cursorT: key.t, cursorId: key.id });
  }
  const rows = await qb
    .orderBy(`${alias}.createdAt`, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    .limit(limit + 1)
    .getMany();
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor({ t: last.createdAt.toISOString(), id: last.id }) : null,
  };
}

export function mapPage<E, R>(page: Page<E>, map: (e: E) => R): Page<R> {
  return { items: page.items.map(map), nextCursor: page.nextCursor };
}

/** The OpenAPI shape of a page: `class FundPage extends PageOf(FundResponse) {}`. */
export function PageOf<T>(item: new (...args: never[]) => T) {
  class PageResponse {
    @ApiProperty({ type: [item] }) items: T[];
    @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last page' })
    nextCursor: string | null;
  }
  return PageResponse;
}
