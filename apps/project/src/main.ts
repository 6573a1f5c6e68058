import 'reflect-metadata';
import { bootstrapService } from '@chronicle/platform';
import { ProjectModule } from './project.module';

void bootstrapService(ProjectModule, {
  name: 'project',
  port: (config) => config.ports.project,
  consumer: { group: 'project', topics: ['articles', 'analyses'] },
});
