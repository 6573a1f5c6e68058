import { ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { Observable, throwError } from 'rxjs';

/**
 * Hands a Kafka handler's error to the batch transport as it was thrown. Nest's default RPC
 * filter replaces unknown errors with `{status: 'error', message: 'Internal server error'}`, which
 * would hide what the transport classifies by (a Postgres SQLSTATE, a refused connection) and make
 * a database outage look like poison. HTTP errors get Nest's usual handling.
 *
 * Registered app-wide before the microservice is connected: a hybrid app binds its message
 * handlers' filters when `connectMicroservice` is called.
 */
@Catch()
export class RethrowRpcExceptionFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    if (host.getType() === 'rpc') return throwError(() => exception);
    super.catch(exception, host);
  }
}
