import type { Generated } from 'kysely';

/**
 * Table types. Both dialects store timestamps as ISO-8601 text (UTC, `Z`), dates as
 * `YYYY-MM-DD` text, booleans as 0/1 integers and JSON as text, so every query behaves
 * identically on SQLite and PostgreSQL.
 */
export interface DivisionsTable {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county';
  parent_code: string | null;
}

export interface CampaignsTable {
  id: string;
  name: string;
  start_date: string;
  end_date: string;
  timezone: string;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

export interface RoundsTable {
  id: string;
  campaign_id: string;
  number: number;
  start_date: string;
  end_date: string;
}

export interface InspectionGroupsTable {
  id: string;
  campaign_id: string;
  number: number;
  stationed_city_code: string;
  headcount: number;
  team_count: number;
  datadesk_count: number;
  liaison_count: number;
  liaison_unit: string;
}

export interface GroupDispatchingCitiesTable {
  group_id: string;
  city_code: string;
  headcount: number;
  provides_leader: number;
  ordinal: number;
}

export interface PeopleTable {
  id: string;
  name: string;
  home_division_code: string;
  unit: string;
  position: string;
  cert_number: string | null;
  cert_valid_until: string | null;
  phone: string;
  created_at: string;
  updated_at: string;
}

export interface RoundMembershipsTable {
  id: string;
  round_id: string;
  group_id: string;
  person_id: string;
  role: 'leader' | 'member' | 'datadesk' | 'liaison';
  created_at: string;
}

export interface UsersTable {
  id: string;
  username: string;
  password_hash: string;
  display_name: string;
  person_id: string | null;
  disabled: number;
  created_at: string;
  updated_at: string;
}

export interface UserRolesTable {
  id: string;
  user_id: string;
  role: string;
  group_id: string | null;
  division_code: string | null;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginFailuresTable {
  id: string;
  username: string;
  ip: string;
  at: string;
}

export interface AuditLogTable {
  seq: Generated<number>;
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  data: string;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface DB {
  divisions: DivisionsTable;
  campaigns: CampaignsTable;
  rounds: RoundsTable;
  inspection_groups: InspectionGroupsTable;
  group_dispatching_cities: GroupDispatchingCitiesTable;
  people: PeopleTable;
  round_memberships: RoundMembershipsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  audit_log: AuditLogTable;
}
