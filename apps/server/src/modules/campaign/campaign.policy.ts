import { boundGroupIds, isProvincial, type RoleBinding } from '@ancha/core';

/**
 * Which groups a caller may read. Applied inside the repository query (never by filtering
 * results afterwards). Bureau users get no group scope at all: the groups' plans are the
 * very thing the inspected city must not see.
 */
export type GroupScope = { all: true } | { all: false; groupIds: string[]; dispatchingCityCodes: string[] };

export function groupScopeOf(roles: readonly RoleBinding[]): GroupScope {
  if (isProvincial(roles)) return { all: true };
  return {
    all: false,
    groupIds: boundGroupIds(roles),
    dispatchingCityCodes: roles
      .filter((r) => r.role === 'dispatcher' && r.divisionCode)
      .map((r) => r.divisionCode!),
  };
}
