import { Module } from '@nestjs/common';
import { AdminController } from './admin.controller';
import { ProjectionStatusService } from './projection-status.service';

@Module({ controllers: [AdminController], providers: [ProjectionStatusService] })
export class AdminModule {}
