import type { Kysely } from 'kysely';

// People for each round (issue 11): nominations by the dispatching cities, the province's
// notices naming a city whose nominee was sent back, each round's confirmed group table
// (the campaign's own rows stay round 1's 附件1), roster change requests while a round is
// frozen, one-time login codes, integrity forms, discipline records and safety incidents.
export function peopleRounds() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('nominations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id'))
        // The nominating (dispatching) city: the city of the home division.
        .addColumn('city_code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('home_division_code', 'text', (c) => c.notNull().references('divisions.code'))
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('position', 'text', (c) => c.notNull())
        .addColumn('position_category', 'text', (c) => c.notNull())
        .addColumn('cert_number', 'text')
        .addColumn('cert_issuer', 'text')
        .addColumn('cert_issuer_division_code', 'text')
        .addColumn('cert_valid_from', 'text')
        .addColumn('cert_valid_until', 'text')
        .addColumn('phone', 'text', (c) => c.notNull())
        .addColumn('nominated_role', 'text', (c) => c.notNull())
        // nominated | sent_back
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('send_back_reason', 'text')
        .addColumn('sent_back_at', 'text')
        .addColumn('notice_id', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('nominations_round_phone', ['round_id', 'phone'])
        .execute();
      await db.schema
        .createIndex('nominations_round_city')
        .on('nominations')
        .columns(['round_id', 'city_code'])
        .execute();

      await db.schema
        .createTable('notices')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
        .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id'))
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        // JSON: the cities named and each sent-back nominee with the reason, as issued.
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .addColumn('issued_by', 'text', (c) => c.notNull())
        .addUniqueConstraint('notices_campaign_number', ['campaign_id', 'number'])
        .execute();

      await db.schema
        .createTable('round_groups')
        .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id'))
        .addColumn('group_id', 'text', (c) => c.notNull().references('inspection_groups.id'))
        .addColumn('headcount', 'integer', (c) => c.notNull())
        .addColumn('team_count', 'integer', (c) => c.notNull())
        .addColumn('datadesk_count', 'integer', (c) => c.notNull())
        .addColumn('liaison_unit', 'text', (c) => c.notNull())
        .addColumn('explanation', 'text')
        .addColumn('confirmed_at', 'text', (c) => c.notNull())
        .addColumn('confirmed_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('round_groups_pk', ['round_id', 'group_id'])
        .execute();
      await db.schema
        .createTable('round_group_cities')
        .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id'))
        .addColumn('group_id', 'text', (c) => c.notNull().references('inspection_groups.id'))
        .addColumn('city_code', 'text', (c) => c.notNull())
        .addColumn('headcount', 'integer', (c) => c.notNull())
        .addColumn('provides_leader', 'integer', (c) => c.notNull())
        .addColumn('ordinal', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('round_group_cities_pk', ['round_id', 'group_id', 'city_code'])
        .execute();
      await db.schema
        .createIndex('round_group_cities_city')
        .on('round_group_cities')
        .columns(['city_code', 'round_id'])
        .execute();

      await db.schema
        .createTable('roster_changes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id'))
        .addColumn('group_id', 'text', (c) => c.notNull().references('inspection_groups.id'))
        // add | remove
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('role', 'text')
        .addColumn('reason', 'text', (c) => c.notNull())
        // pending | approved | refused
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('requested_by', 'text', (c) => c.notNull())
        .addColumn('requested_at', 'text', (c) => c.notNull())
        .addColumn('decided_by', 'text')
        .addColumn('decided_at', 'text')
        .addColumn('decision_note', 'text')
        .execute();
      await db.schema
        .createIndex('roster_changes_round')
        .on('roster_changes')
        .columns(['round_id', 'state'])
        .execute();

      // Accounts made from the roster sign in first with a one-time code, then must set a password.
      await db.schema
        .alterTable('users')
        .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createTable('login_codes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        // SHA-256 of the normalized code: the code itself is shown once, on the printed sheet.
        .addColumn('code_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema.createIndex('login_codes_user').on('login_codes').column('user_id').execute();

      await db.schema
        .createTable('integrity_forms')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id'))
        .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
        // pledge (承诺书, before the round) | self_check (自查表, after it)
        .addColumn('kind', 'text', (c) => c.notNull())
        // JSON: the self-check's answers; the pledge's text version.
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('signed_at', 'text', (c) => c.notNull())
        .addColumn('signed_by', 'text', (c) => c.notNull())
        .addUniqueConstraint('integrity_forms_one', ['round_id', 'person_id', 'kind'])
        .execute();

      await db.schema
        .createTable('discipline_records')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id'))
        .addColumn('group_id', 'text', (c) => c.notNull().references('inspection_groups.id'))
        .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('occurred_on', 'text', (c) => c.notNull())
        .addColumn('ref_id', 'text')
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('discipline_records_person')
        .on('discipline_records')
        .columns(['person_id', 'round_id'])
        .execute();

      await db.schema
        .createTable('safety_incidents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id'))
        .addColumn('group_id', 'text', (c) => c.notNull().references('inspection_groups.id'))
        .addColumn('occurred_at', 'text', (c) => c.notNull())
        .addColumn('place', 'text', (c) => c.notNull())
        .addColumn('people', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('actions', 'text', (c) => c.notNull())
        // open | closed
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('reported_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('closed_at', 'text')
        .addColumn('closed_by', 'text')
        .execute();
      await db.schema
        .createIndex('safety_incidents_state')
        .on('safety_incidents')
        .columns(['state', 'group_id'])
        .execute();
    },
  };
}
