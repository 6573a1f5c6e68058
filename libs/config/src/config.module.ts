import { Global, Module } from '@nestjs/common';
import { ChronicleConfig, loadConfig } from './chronicle-config';

/** Injection token for the validated configuration. */
export const CHRONICLE_CONFIG = Symbol('CHRONICLE_CONFIG');

/** Provides the validated configuration; building the module fails fast on bad settings. */
@Global()
@Module({})
export class ConfigModule {
  /** Loads lazily (at injection, not import) so the bootstrap can report bad settings first. */
  static forRoot(config?: ChronicleConfig) {
    return {
      module: ConfigModule,
      providers: [{ provide: CHRONICLE_CONFIG, useFactory: () => config ?? loadConfig() }],
      exports: [CHRONICLE_CONFIG],
    };
  }
}
