import 'reflect-metadata';
import { bootstrapService } from '@chronicle/platform';
import { AlertModule } from './alert.module';

void bootstrapService(AlertModule, {
  name: 'alert',
  port: (config) => config.ports.alert,
  consumer: { group: 'alert', topics: ['analyses'] },
});
