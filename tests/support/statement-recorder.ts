import { AbstractLogger, DataSource, LogLevel, LogMessage } from 'typeorm';

/** A TypeORM logger that records every statement a data source sends, in order, whitespace collapsed. */
export class StatementRecorder extends AbstractLogger {
  readonly sent: string[] = [];

  constructor() {
    super(['query']);
  }

  protected writeLog(_level: LogLevel, message: LogMessage | LogMessage[]): void {
    for (const m of Array.isArray(message) ? message : [message]) {
      if (m.type === 'query') this.sent.push(String(m.message).replace(/\s+/g, ' ').trim());
    }
  }

  /** The statements `work` sent through the recorded data source. */
  async during(work: () => Promise<unknown>): Promise<string[]> {
    this.sent.length = 0;
    await work();
    return [...this.sent];
  }
}

/** A data source like `template` (same options) whose statements `recorder` records. */
export function recordedDataSource(template: DataSource, recorder: StatementRecorder): DataSource {
  return new DataSource({ ...template.options, logging: ['query'], logger: recorder });
}
