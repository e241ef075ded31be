import type { Kysely } from 'kysely';
import type { DialectName } from '../database.ts';

// Types are chosen to behave the same on both dialects: text timestamps, integer booleans.
export function foundation(dialect: DialectName) {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('divisions')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('parent_code', 'text')
        .execute();
      await db.schema.createIndex('divisions_parent').on('divisions').column('parent_code').execute();

      await db.schema
        .createTable('campaigns')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('start_date', 'text', (c) => c.notNull())
        .addColumn('end_date', 'text', (c) => c.notNull())
        .addColumn('timezone', 'text', (c) => c.notNull())
        .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('rounds')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('start_date', 'text', (c) => c.notNull())
        .addColumn('end_date', 'text', (c) => c.notNull())
        .addUniqueConstraint('rounds_campaign_number', ['campaign_id', 'number'])
        .execute();

      await db.schema
        .createTable('inspection_groups')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('stationed_city_code', 'text', (c) => c.notNull().references('divisions.code'))
        .addColumn('headcount', 'integer', (c) => c.notNull())
        .addColumn('team_count', 'integer', (c) => c.notNull())
        .addColumn('datadesk_count', 'integer', (c) => c.notNull())
        .addColumn('liaison_count', 'integer', (c) => c.notNull())
        .addColumn('liaison_unit', 'text', (c) => c.notNull())
        .addUniqueConstraint('groups_campaign_number', ['campaign_id', 'number'])
        .addUniqueConstraint('groups_campaign_city', ['campaign_id', 'stationed_city_code'])
        .execute();

      await db.schema
        .createTable('group_dispatching_cities')
        .addColumn('group_id', 'text', (c) => c.notNull().references('inspection_groups.id'))
        .addColumn('city_code', 'text', (c) => c.notNull().references('divisions.code'))
        .addColumn('headcount', 'integer', (c) => c.notNull())
        .addColumn('provides_leader', 'integer', (c) => c.notNull())
        .addColumn('ordinal', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('group_dispatching_cities_pk', ['group_id', 'city_code'])
        .execute();

      await db.schema
        .createTable('people')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('home_division_code', 'text', (c) => c.notNull().references('divisions.code'))
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('position', 'text', (c) => c.notNull())
        .addColumn('cert_number', 'text')
        .addColumn('cert_valid_until', 'text')
        .addColumn('phone', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('round_memberships')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id'))
        .addColumn('group_id', 'text', (c) => c.notNull().references('inspection_groups.id'))
        .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('memberships_round_person', ['round_id', 'person_id'])
        .execute();
      await db.schema
        .createIndex('memberships_group')
        .on('round_memberships')
        .columns(['group_id', 'round_id'])
        .execute();

      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('person_id', 'text', (c) => c.references('people.id'))
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('user_roles')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('group_id', 'text', (c) => c.references('inspection_groups.id'))
        .addColumn('division_code', 'text', (c) => c.references('divisions.code'))
        .execute();
      await db.schema.createIndex('user_roles_user').on('user_roles').column('user_id').execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .addColumn('ip', 'text')
        .addColumn('user_agent', 'text')
        .execute();

      await db.schema
        .createTable('login_failures')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('ip', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('login_failures_at').on('login_failures').column('at').execute();

      await db.schema
        .createTable('audit_log')
        .addColumn('seq', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
          dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('actor_name', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text')
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('ip', 'text')
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_entity').on('audit_log').columns(['entity', 'entity_id']).execute();
    },
  };
}
