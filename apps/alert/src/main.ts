import 'reflect-metadata';
import { verifyStoredPositions } from '@chronicle/persistence';
import { bootstrapService } from '@chronicle/platform';
import { DataSource } from 'typeorm';
import { AlertModule } from './alert.module';

void bootstrapService(AlertModule, {
  name: 'alert',
  port: (config) => config.ports.alert,
  consumer: {
    group: 'alert',
    topics: ['analyses'],
    verifyLog: (app, consumer, readLog, readTimestamps) =>
      verifyStoredPositions(app.get(DataSource), consumer, readLog, readTimestamps),
  },
});
