import { Module } from '@nestjs/common';
import { ActorsController } from './actors.controller';

@Module({ controllers: [ActorsController] })
export class ActorsModule {}
