import { Global, Module } from '@nestjs/common';
import { ChronicleConfig, loadConfig } from './chronicle-config';

/** Injection token for the validated configuration. */
export const CHRONICLE_CONFIG = Symbol('CHRONICLE_CONFIG');

/** Provides the validated configuration; building the module fails fast on bad settings. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: ChronicleConfig = loadConfig()) {
    return {
      module: ConfigModule,
      providers: [{ provide: CHRONICLE_CONFIG, useValue: config }],
      exports: [CHRONICLE_CONFIG],
    };
  }
}
