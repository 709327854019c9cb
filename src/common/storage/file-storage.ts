import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { StoredFile } from './stored-file.entity.js';

/**
 * Where uploaded bytes go. The default keeps them in PostgreSQL (one backup covers everything, and
 * a file is written in the same transaction as its metadata); an object store can implement the same
 * interface.
 */
export abstract class FileStorage {
  /** Stores the bytes inside the caller's transaction and returns the key to read them back. */
  abstract put(manager: EntityManager, bytes: Buffer): Promise<{ key: string; sha256: string; size: number }>;
  abstract get(manager: EntityManager, key: string): Promise<Buffer | null>;
}

const sha256Hex = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

@Injectable()
export class DatabaseFileStorage extends FileStorage {
  async put(manager: EntityManager, bytes: Buffer) {
    const repo = manager.getRepository(StoredFile);
    const sha256 = sha256Hex(bytes);
    const saved = await repo.save(repo.create({ bytes, size: bytes.length, sha256 }));
    return { key: saved.id, sha256, size: bytes.length };
  }

  async get(manager: EntityManager, key: string): Promise<Buffer | null> {
    const row = await manager.getRepository(StoredFile).findOne({ where: { id: key }, select: { id: true, bytes: true } });
    return row?.bytes ?? null;
  }
}
