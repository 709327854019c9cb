import { Module } from '@nestjs/common';
import { AwardsController } from './awards.controller.js';
import { AwardsRepository } from './awards.repository.js';
import { AwardsService } from './awards.service.js';

@Module({ controllers: [AwardsController], providers: [AwardsRepository, AwardsService], exports: [AwardsService] })
export class AwardsModule {}
