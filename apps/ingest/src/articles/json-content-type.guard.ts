import { CanActivate, ExecutionContext, Injectable, UnsupportedMediaTypeException } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Whether a request's body is one ingest can read: JSON (`application/json`, the only type the
 * body parser parses), or no body at all. Anything else would reach validation as an empty body
 * and get a misleading 400; it deserves 415.
 */
export function isReadableBody(headers: IncomingHttpHeaders): boolean {
  const length = headers['content-length'];
  const hasBody = headers['transfer-encoding'] !== undefined || (length !== undefined && length.trim() !== '0');
  if (!hasBody) return true;
  const mediaType = (headers['content-type'] ?? '').split(';', 1)[0]!.trim().toLowerCase();
  return mediaType === 'application/json';
}

/** Refuses a request whose body is not JSON with 415 Unsupported Media Type. */
@Injectable()
export class JsonContentTypeGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{ headers: IncomingHttpHeaders }>();
    if (isReadableBody(request.headers)) return true;
    throw new UnsupportedMediaTypeException('the request body must be JSON (Content-Type: application/json)');
  }
}
