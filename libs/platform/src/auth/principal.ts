import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiScope } from '@chronicle/domain';

/** Who is calling: the API key a request authenticated with (or the development stand-in when auth is off). */
export interface Principal {
  /** The key's id, or null when auth is off. */
  keyId: string | null;
  /** The key's name as given to `chronicle keys create`; audit records carry it. */
  name: string;
  /** Subscriptions, alerts and streams belong to a tenant; other tenants' are 404. */
  tenant: string;
  scopes: readonly ApiScope[];
}

/** Where the auth guard leaves the principal on the request. */
export const PRINCIPAL_PROPERTY = 'chroniclePrincipal';

export type RequestWithPrincipal = { [PRINCIPAL_PROPERTY]?: Principal };

/** The principal of the current request; the global auth guard has set it on every non-public route. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<RequestWithPrincipal>()[PRINCIPAL_PROPERTY];
  if (!principal) throw new Error('No principal on this request: is the route public, or the auth guard missing?');
  return principal;
});
