import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { FieldCipher } from './field-cipher.js';

/** The PII cipher, built once from configuration. */
@Global()
@Module({
  providers: [
    {
      provide: FieldCipher,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new FieldCipher(config.piiKey, config.piiPreviousKeys),
    },
  ],
  exports: [FieldCipher],
})
export class CryptoModule {}
