import { Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A provider of `type` built over the app's DataSource: repositories are injected, never made with `new` in controllers. */
export function dataSourceProvider<T>(type: new (dataSource: DataSource) => T): Provider {
  return { provide: type, useFactory: (dataSource: DataSource) => new type(dataSource), inject: [DataSource] };
}
