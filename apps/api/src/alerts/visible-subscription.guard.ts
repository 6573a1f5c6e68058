import { PRINCIPAL_PROPERTY, RequestWithPrincipal } from '@chronicle/platform';
import { CanActivate, ExecutionContext, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { AlertReadRepository } from './alert-read.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `?subscription=ID` naming another tenant's subscription is 404, like one that never existed.
 * A guard, not a check in the handler, so a live stream is refused before its headers are sent.
 * A value that is not a uuid is left to the query pipe's 400.
 */
@Injectable()
export class VisibleSubscriptionGuard implements CanActivate {
  constructor(@Inject(AlertReadRepository) private readonly alerts: AlertReadRepository) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithPrincipal & { query: Record<string, unknown> }>();
    const subscription = request.query.subscription;
    const principal = request[PRINCIPAL_PROPERTY];
    if (typeof subscription !== 'string' || !UUID.test(subscription) || !principal) return true;
    if (!(await this.alerts.subscriptionVisibleTo(subscription, principal.tenant))) {
      throw new NotFoundException(`no subscription ${subscription}`);
    }
    return true;
  }
}
