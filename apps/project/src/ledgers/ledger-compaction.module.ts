import { Module } from '@nestjs/common';
import { LedgerCompactionWorker } from './ledger-compaction.worker';

@Module({ providers: [LedgerCompactionWorker] })
export class LedgerCompactionModule {}
