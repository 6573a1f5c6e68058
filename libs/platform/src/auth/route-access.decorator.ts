import { SetMetadata } from '@nestjs/common';
import { ApiScope } from '@chronicle/domain';

export const REQUIRED_SCOPE = 'chronicle:requiredScope';
export const PUBLIC_ROUTE = 'chronicle:publicRoute';

/** The scope a key must hold to call this route (or every route of this controller). Routes without one are refused. */
export const RequiresScope = (scope: ApiScope) => SetMetadata(REQUIRED_SCOPE, scope);

/** Open to anyone, without a key: only health probes. */
export const PublicRoute = () => SetMetadata(PUBLIC_ROUTE, true);
