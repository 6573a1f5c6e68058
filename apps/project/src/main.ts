import 'reflect-metadata';
import { verifyStoredPositions } from '@chronicle/persistence';
import { bootstrapService } from '@chronicle/platform';
import { DataSource } from 'typeorm';
import { ProjectModule } from './project.module';

void bootstrapService(ProjectModule, {
  name: 'project',
  port: (config) => config.ports.project,
  consumer: {
    group: 'project',
    topics: ['articles', 'analyses'],
    verifyLog: (app, consumer, readLog, readTimestamps) =>
      verifyStoredPositions(app.get(DataSource), consumer, readLog, readTimestamps),
  },
});
