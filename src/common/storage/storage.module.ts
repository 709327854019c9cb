import { Global, Module } from '@nestjs/common';
import { DatabaseFileStorage, FileStorage } from './file-storage.js';

@Global()
@Module({ providers: [{ provide: FileStorage, useClass: DatabaseFileStorage }], exports: [FileStorage] })
export class StorageModule {}
