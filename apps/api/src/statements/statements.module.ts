import { Module } from '@nestjs/common';
import { StatementsController } from './statements.controller';

/** Statement search and the live statement stream, over the contributions read model. */
@Module({ controllers: [StatementsController] })
export class StatementsModule {}
