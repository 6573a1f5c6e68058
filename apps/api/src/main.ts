import 'reflect-metadata';
import { bootstrapService } from '@chronicle/platform';
import { ApiModule } from './api.module';
import { serveDashboard } from './dashboard/serve-dashboard';

void bootstrapService(ApiModule, {
  name: 'api',
  port: (config) => config.ports.api,
  serveBesideRouter: (app) => serveDashboard(app),
});
