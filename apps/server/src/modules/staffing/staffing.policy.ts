import { cityOf, isProvincial, type RoleBinding } from '@ancha/core';

/**
 * Whose nominations a caller may read or write: the provincial side all of them, a dispatching
 * city only those of its own city (applied in the repository query). Nobody else reaches
 * these routes (capabilities), bureaus least of all.
 */
export type NominationScope = { all: true } | { all: false; cityCodes: string[] };

export function nominationScopeOf(roles: readonly RoleBinding[]): NominationScope {
  if (isProvincial(roles)) return { all: true };
  const cityCodes = roles
    .filter((r) => r.role === 'dispatcher' && r.divisionCode)
    .map((r) => cityOf(r.divisionCode!));
  return { all: false, cityCodes: [...new Set(cityCodes)] };
}

export function scopeAdmitsCity(scope: NominationScope, cityCode: string): boolean {
  return scope.all || scope.cityCodes.includes(cityCode);
}
