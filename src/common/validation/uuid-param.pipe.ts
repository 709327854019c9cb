import { Injectable, type PipeTransform, type ArgumentMetadata } from '@nestjs/common';
import { invalid } from '../errors/domain-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** Path ids must be UUIDs: anything else is a 400 naming the parameter, never a database error. */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!isUuid(value)) throw invalid([{ field: metadata.data ?? 'id', message: `${metadata.data ?? 'id'} must be a UUID` }]);
    return value.toLowerCase();
  }
}
