import type { CategoryCode, Outcome, ProblemState, SiteKind } from '@ancha/core';
import { addDays, shanghaiDayStart } from '@ancha/core';
import { CompiledQuery, type Kysely } from 'kysely';
import type {
  DB,
  EvidenceTable,
  GroupTasksTable,
  HandoversTable,
  InspectionsTable,
  ProblemsTable,
  SitesTable,
} from '../src/db/schema.ts';
import { rebuildCampaignCounters } from '../src/modules/dashboard/dashboard.counters.ts';

/**
 * A generated campaign's worth of field work inserted in bulk (multi-row INSERTs in one
 * transaction): the dashboard test and the dashboard bench both count over it. Deterministic for
 * a seed, so a failure can be replayed. Rows reference real campaign, round, group and division
 * rows, so both databases' foreign keys hold.
 */

/** A small fast PRNG (mulberry32): the same seed gives the same campaign. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let idSeq = 0;
/** UUID-shaped ids, unique within the process, cheap enough for a million rows. */
function bulkId(tag: number): string {
  idSeq++;
  const hex = idSeq.toString(16).padStart(12, '0');
  return `0190${tag.toString(16).padStart(4, '0')}-0000-7000-8000-${hex}`;
}

const KINDS: SiteKind[] = [
  'industrial',
  'industrial',
  'industrial',
  'construction_site',
  'road',
  'yard',
  'restaurant',
];
const CATEGORIES: CategoryCode[] = [
  'dust',
  'loose_coal',
  'mobile_source',
  'scattered_polluting',
  'key_area',
  'other',
];
const OUTCOMES: Outcome[] = [
  'no_problem',
  'no_problem',
  'no_problem',
  'no_problem',
  'fixed_on_spot',
  'suspected_violation',
  'needs_rectification',
];
const VIOLATION_STATES: ProblemState[] = [
  'draft',
  'submitted',
  'submitted',
  'returned',
  'approved',
  'handed_over',
  'handed_over',
  'received',
  'feedback_submitted',
  'closed',
];

export interface BulkCampaign {
  campaignId: string;
  round: { id: string; start_date: string; end_date: string };
  /** The campaign's groups; teams are formed for all but `groupsWithoutTeams` of them. */
  groups: { id: string; stationed_city_code: string }[];
  createdBy: string;
}

export interface BulkOptions {
  inspections: number;
  /** Dates of the round the records are spread over (the first gets `firstDayShare` of them). */
  days: number;
  firstDayShare: number;
  teamsPerGroup: number;
  groupsWithoutTeams: number;
  sitesPerGroup: number;
  evidence: number;
  seed: number;
  /** Rows per INSERT statement (SQLite allows 32766 parameters: 30 columns × 500 rows). */
  batch?: number;
}

export interface BulkResult {
  teams: { id: string; group_id: string; number: number }[];
  sites: Pick<SitesTable, 'id' | 'kind' | 'city_code' | 'lat'>[];
  inspections: Pick<
    InspectionsTable,
    'id' | 'team_id' | 'group_id' | 'site_id' | 'local_date' | 'outcome' | 'category' | 'started_at' | 'lat'
  >[];
  problems: Pick<ProblemsTable, 'id' | 'group_id' | 'category' | 'state' | 'created_at'>[];
  handovers: Pick<HandoversTable, 'id' | 'problem_id' | 'deadline' | 'feedback_at'>[];
  tasks: Pick<GroupTasksTable, 'group_id' | 'kind' | 'state' | 'due_date'>[];
  evidence: number;
}

/**
 * Multi-row INSERTs with the SQL text written here: building a 500-row insert through Kysely's
 * query builder costs more than the database's own work for it.
 */
async function insertAll(db: Kysely<DB>, postgres: boolean, table: keyof DB, rows: object[], batch: number) {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]!);
  for (let i = 0; i < rows.length; i += batch) {
    const part = rows.slice(i, i + batch) as Record<string, unknown>[];
    const params: unknown[] = [];
    const tuples = part.map((r) => {
      const marks = cols.map((c) => {
        params.push(r[c]);
        return postgres ? `$${params.length}` : '?';
      });
      return `(${marks.join(',')})`;
    });
    const text = `insert into "${table}" (${cols.map((c) => `"${c}"`).join(',')}) values ${tuples.join(',')}`;
    await db.executeQuery(CompiledQuery.raw(text, params));
  }
}

async function countiesOf(db: Kysely<DB>, cityCodes: string[]) {
  const rows = await db
    .selectFrom('divisions')
    .select(['code', 'parent_code'])
    .where('parent_code', 'in', cityCodes)
    .execute();
  const by = new Map<string, string[]>();
  for (const r of rows) {
    const list = by.get(r.parent_code!) ?? [];
    list.push(r.code);
    by.set(r.parent_code!, list);
  }
  return by;
}

export async function generateCampaign(
  db: Kysely<DB>,
  dialect: 'sqlite' | 'postgres',
  c: BulkCampaign,
  o: BulkOptions,
): Promise<BulkResult> {
  const pg = dialect === 'postgres';
  const rnd = prng(o.seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const batch = o.batch ?? 500;
  const now = shanghaiDayStart(c.round.start_date).toISOString();
  const counties = await countiesOf(
    db,
    c.groups.map((g) => g.stationed_city_code),
  );

  const people: object[] = [];
  const teams: (BulkResult['teams'][number] & { people: [string, string] })[] = [];
  const working = c.groups.slice(0, c.groups.length - o.groupsWithoutTeams);
  for (const g of working) {
    for (let n = 1; n <= o.teamsPerGroup; n++) {
      const pair: [string, string] = [bulkId(1), bulkId(1)];
      for (const id of pair)
        people.push({
          id,
          name: `检查员${id.slice(-5)}`,
          home_division_code: g.stationed_city_code,
          unit: '执法支队',
          position: '执法人员',
          cert_number: null,
          cert_valid_until: null,
          phone: id.slice(-11),
          created_at: now,
          updated_at: now,
        });
      teams.push({ id: bulkId(2), group_id: g.id, number: n, people: pair });
    }
  }
  const sites: (BulkResult['sites'][number] & { division_code: string; group_id: string })[] = [];
  for (const g of c.groups) {
    const cs = counties.get(g.stationed_city_code) ?? [g.stationed_city_code];
    for (let k = 0; k < o.sitesPerGroup; k++) {
      const located = rnd() < 0.9;
      sites.push({
        id: bulkId(3),
        kind: pick(KINDS),
        city_code: g.stationed_city_code,
        division_code: pick(cs),
        lat: located ? 32 + rnd() * 4 : null,
        group_id: g.id,
      });
    }
  }
  const sitesOfGroup = new Map<string, typeof sites>();
  for (const s of sites) {
    const list = sitesOfGroup.get(s.group_id) ?? [];
    list.push(s);
    sitesOfGroup.set(s.group_id, list);
  }

  const dates = Array.from({ length: o.days }, (_, i) => addDays(c.round.start_date, i));
  const inspections: BulkResult['inspections'] = [];
  const fullInspections: InspectionsTable[] = [];
  const problems: (ProblemsTable & { handover?: HandoversTable })[] = [];
  for (let k = 0; k < o.inspections; k++) {
    const team = teams[k % teams.length]!;
    const date = rnd() < o.firstDayShare ? dates[0]! : pick(dates);
    const site = pick(sitesOfGroup.get(team.group_id)!);
    const startedAt = new Date(
      shanghaiDayStart(date).getTime() + (7 * 3600 + Math.floor(rnd() * 12 * 3600)) * 1000,
    )
      .toISOString()
      .replace(/\.\d{3}Z$/, `.${String(k % 1000).padStart(3, '0')}Z`);
    const outcome = pick(OUTCOMES);
    const category = pick(CATEGORIES);
    const lat = rnd() < 0.8 ? 32 + rnd() * 4 : null;
    const row: InspectionsTable = {
      id: bulkId(4),
      campaign_id: c.campaignId,
      round_id: c.round.id,
      group_id: team.group_id,
      team_id: team.id,
      inspector1_id: team.people[0],
      inspector2_id: team.people[1],
      site_id: site.id,
      started_at: startedAt,
      local_date: date,
      category,
      subtype: null,
      mode: 'focused',
      source: 'own',
      source_ref: null,
      task_id: null,
      instruction_id: null,
      lat,
      lng: lat == null ? null : 111 + rnd() * 5,
      accuracy_m: null,
      outcome,
      problems: '[]',
      notes: '',
      body_hash: 'bulk',
      created_by: c.createdBy,
      received_at: startedAt,
      first_evidence_captured_at: null,
      first_evidence_uploaded_at: null,
      late_evidence: rnd() < 0.05 ? 1 : 0,
      evidence_count: 0,
      flagged: 0,
    };
    fullInspections.push(row);
    inspections.push(row);
    if (outcome !== 'no_problem') {
      const state: ProblemState =
        outcome === 'fixed_on_spot' ? pick(['open', 'fixed_on_spot']) : pick(VIOLATION_STATES);
      const p: ProblemsTable & { handover?: HandoversTable } = {
        id: bulkId(5),
        inspection_id: row.id,
        ordinal: 1,
        campaign_id: c.campaignId,
        round_id: c.round.id,
        group_id: team.group_id,
        site_id: site.id,
        division_code: site.division_code,
        city_code: site.city_code,
        kind:
          outcome === 'fixed_on_spot'
            ? 'management'
            : outcome === 'suspected_violation'
              ? 'violation'
              : 'rectification',
        category,
        description: '现场发现问题',
        state,
        propose_case_filing: 0,
        current_handover_id: null,
        created_at: startedAt,
        updated_at: startedAt,
        closed_at: null,
      };
      if (['handed_over', 'received', 'feedback_submitted', 'closed'].includes(state)) {
        const h: HandoversTable = {
          id: bulkId(6),
          problem_id: p.id,
          campaign_id: c.campaignId,
          seq: 0,
          number: '',
          bureau_division_code: site.division_code,
          bureau_city_code: site.city_code,
          deadline: addDays(date, Math.floor(rnd() * 10) - 3),
          requirements: '',
          handed_over_at: startedAt,
          handed_over_by: c.createdBy,
          received_at: state === 'handed_over' ? null : startedAt,
          received_by: null,
          feedback: null,
          feedback_at: state === 'feedback_submitted' || state === 'closed' ? startedAt : null,
          follow_up: null,
          followed_up_at: null,
          reminder_sent_at: null,
        };
        p.current_handover_id = h.id;
        p.handover = h;
      }
      problems.push(p);
    }
  }
  let seq = 0;
  for (const p of problems) if (p.handover) p.handover.seq = ++seq;
  for (const p of problems) if (p.handover) p.handover.number = `豫暗交〔2020〕${p.handover.seq}号`;

  const tasks: GroupTasksTable[] = problems
    .filter((p) => p.handover && p.state === 'feedback_submitted')
    .map((p) => ({
      id: bulkId(7),
      kind: 'follow_up',
      campaign_id: c.campaignId,
      round_id: c.round.id,
      group_id: p.group_id,
      source_id: p.id,
      ref_id: p.handover!.id,
      site_id: p.site_id,
      due_date: pick(dates),
      state: 'open',
      created_at: p.created_at,
      done_at: null,
      done_by: null,
      inspection_id: null,
      result: null,
      carried_from: null,
    }));

  const media = {
    sha256: 'f'.repeat(64),
    size: 1,
    mime: 'image/jpeg',
    kind: 'photo',
    width: 1,
    height: 1,
    thumbnail_key: null,
    created_at: now,
  };
  const evidence: EvidenceTable[] = [];
  for (let k = 0; k < o.evidence && k < fullInspections.length; k++) {
    const i = fullInspections[fullInspections.length - 1 - k]!;
    evidence.push({
      id: bulkId(8),
      inspection_id: i.id,
      sha256: media.sha256,
      kind: 'photo',
      original_name: null,
      captured_at: i.started_at,
      queued_at: null,
      uploaded_at: i.started_at,
      exif_time: null,
      exif_lat: null,
      exif_lng: null,
      exif_software: null,
      flags: '[]',
      created_by: c.createdBy,
    });
  }

  // A bulk load touches every index page: give SQLite's page cache room for them (256 MiB).
  if (!pg) await db.executeQuery(CompiledQuery.raw('pragma cache_size = -262144'));
  await db.transaction().execute(async (tx) => {
    await insertAll(tx, pg, 'people', people, batch);
    await insertAll(
      tx,
      pg,
      'teams',
      teams.map((t) => ({
        id: t.id,
        round_id: c.round.id,
        group_id: t.group_id,
        number: t.number,
        recorder_serial: `DSJ-${t.id.slice(-8)}`,
        created_at: now,
        updated_at: now,
      })),
      batch,
    );
    await insertAll(
      tx,
      pg,
      'sites',
      sites.map((s) => ({
        id: s.id,
        name: `企业${s.id.slice(-6)}`,
        kind: s.kind,
        credit_code: null,
        address: null,
        division_code: s.division_code,
        city_code: s.city_code,
        lat: s.lat,
        lng: s.lat == null ? null : 113,
        created_by: c.createdBy,
        created_at: now,
        updated_at: now,
      })),
      batch,
    );
    await insertAll(tx, pg, 'inspections', fullInspections, batch);
    await insertAll(
      tx,
      pg,
      'problems',
      // current_handover_id is a plain reference (no foreign key): set before the handover exists.
      problems.map(({ handover: _h, ...p }) => p),
      batch,
    );
    const handovers = problems.flatMap((p) => (p.handover ? [p.handover] : []));
    await insertAll(tx, pg, 'handovers', handovers, batch);
    await insertAll(tx, pg, 'group_tasks', tasks, batch);
    await tx
      .insertInto('media_objects')
      .values(media as never)
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
    await insertAll(tx, pg, 'evidence', evidence, batch);
    // Rows loaded past the write paths: the dashboard's counters are built from them, as the
    // migration built them for rows stored before it.
    await rebuildCampaignCounters(tx, c.campaignId);
  });

  return {
    teams: teams.map(({ people: _p, ...t }) => t),
    sites,
    inspections,
    problems: problems.map((p) => ({
      id: p.id,
      group_id: p.group_id,
      category: p.category,
      state: p.state,
      created_at: p.created_at,
    })),
    handovers: problems.flatMap((p) => (p.handover ? [p.handover] : [])),
    tasks,
    evidence: evidence.length,
  };
}
