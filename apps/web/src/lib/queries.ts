import { useQuery } from '@tanstack/react-query';
import { api, type Division, type InspectionFilter, type ProblemFilter } from './api.ts';

// Query keys in one place so a save can invalidate exactly what it changed.
export const keys = {
  campaigns: ['campaigns'] as const,
  rounds: (campaignId: string) => ['campaigns', campaignId, 'rounds'] as const,
  groups: (campaignId: string) => ['campaigns', campaignId, 'groups'] as const,
  divisions: (q: { parent?: string; level?: Division['level'] }) => ['divisions', q] as const,
  users: (q: string) => ['users', q] as const,
  people: (q: string) => ['people', q] as const,
  memberships: (roundId: string, groupId: string) => ['memberships', roundId, groupId] as const,
  /** Every inspections query starts with this: live events invalidate them together. */
  inspectionsAll: ['inspections'] as const,
  inspections: (f: InspectionFilter) => ['inspections', 'list', f] as const,
  inspectionPoints: (date: string) => ['inspections', 'points', date] as const,
  inspection: (id: string) => ['inspection', id] as const,
  quota: (campaignId: string, date: string) => ['quota', campaignId, date] as const,
  teams: (roundId: string, groupId: string) => ['teams', roundId, groupId] as const,
  /** Every problem query starts with this: a transition or a live event invalidates them together. */
  problemsAll: ['problems'] as const,
  problems: (f: ProblemFilter) => ['problems', 'list', f] as const,
  problem: (id: string) => ['problems', 'detail', id] as const,
  reviewCount: ['problems', 'count', 'submitted'] as const,
  tasksAll: ['tasks'] as const,
  tasks: (q: object) => ['tasks', q] as const,
  mailOutbox: ['mail', 'outbox'] as const,
  /** Every dispatch query (instructions, alerts, checklists, clues) starts with this. */
  dispatchAll: ['dispatch'] as const,
  dispatch: (what: string, q: object = {}) => ['dispatch', what, q] as const,
  bureauMailboxes: (parent: string) => ['mail', 'mailboxes', parent] as const,
};

const HOUR = 3_600_000;

export function useCampaigns() {
  return useQuery({ queryKey: keys.campaigns, queryFn: api.campaigns, select: (r) => r.items });
}

export function useRounds(campaignId: string | undefined) {
  return useQuery({
    queryKey: keys.rounds(campaignId ?? ''),
    queryFn: () => api.rounds(campaignId!),
    select: (r) => [...r.items].sort((a, b) => a.number - b.number),
    enabled: !!campaignId,
  });
}

/** The campaign's groups; with `roundId`, that round's confirmed table (else the campaign's). */
export function useGroups(campaignId: string | undefined, roundId?: string) {
  return useQuery({
    queryKey: roundId ? [...keys.groups(campaignId ?? ''), roundId] : keys.groups(campaignId ?? ''),
    queryFn: () => api.groups(campaignId!, roundId),
    select: (r) => [...r.items].sort((a, b) => a.number - b.number),
    enabled: !!campaignId,
  });
}

/** Divisions change with a national code revision, not within a session. */
export function useDivisions(q: { parent?: string; level?: Division['level'] }, enabled = true) {
  return useQuery({
    queryKey: keys.divisions(q),
    queryFn: () => api.divisions(q),
    select: (r) => r.items,
    staleTime: 12 * HOUR,
    enabled,
  });
}

/** The plan's 18 cities (17 prefecture-level cities and 济源). */
export function useCities() {
  return useDivisions({ level: 'city' });
}

/** "开封市" → "开封": the plan's tables name cities without the suffix. */
export function shortCity(name: string): string {
  return name.length > 2 ? name.replace(/市$/, '') : name;
}
