import 'reflect-metadata';
import { bootstrapService } from '@chronicle/platform';
import { ApiModule } from './api.module';

void bootstrapService(ApiModule, { name: 'api', port: (config) => config.ports.api });
