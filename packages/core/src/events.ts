import type { ProblemAction, ProblemState } from './problems/lifecycle.ts';
import type { EvidenceOut, InspectionOut } from './schemas/field.ts';

/**
 * Domain events: what happened, published after the transaction that made it commits. One
 * typed union for every consumer — the live feed, the work-group robot, mail kicks, and the
 * command room's panels — so a producer and a consumer cannot disagree about a payload.
 *
 * `audience` decides who may hear an event and never leaves the server: the live feed
 * checks each subscriber's bindings against it before writing, and sends clients only the
 * {@link LiveMessage} part.
 */

/** The record a piece of evidence belongs to, as the robot's message and the live views need it. */
export interface EvidenceInspection {
  id: string;
  outcome: string;
  category: string;
  groupNumber: number;
  teamNumber: number;
  inspectors: string[];
  site: { name: string; address: string | null; divisionName: string | null };
  problems: string[];
  startedAt: string;
}

export interface EventPayloads {
  /** A phone's record reached the server (the first time; a replay is not news). */
  'inspection.created': InspectionOut;
  /** A photo or video became evidence of a record. */
  'evidence.added': EvidenceOut & { inspection: EvidenceInspection };
  /** A problem moved in its lifecycle. */
  'problem.changed': { id: string; state: ProblemState; action: ProblemAction };
  /** A round ends in a few days: each group hears how many of its tasks are still open. */
  'tasks.due_soon': {
    roundId: string;
    roundNumber: number;
    endDate: string;
    daysLeft: number;
    groupNumber: number;
    openTasks: number;
    openByKind: Record<string, number>;
  };
  /** Command issued an instruction to these groups (the provincial side hears every one). */
  'instruction.issued': {
    id: string;
    kind: string;
    text: string;
    validFrom: string;
    validTo: string;
    groupIds: string[];
  };
  /** A group's leader or liaison confirmed an instruction. */
  'instruction.acknowledged': {
    instructionId: string;
    groupId: string;
    groupNumber: number;
    acknowledgedAt: string;
    acknowledgedBy: string;
  };
  /** A pollution alert was issued or ended early. */
  'alert.changed': {
    id: string;
    level: string;
    areaKind: string;
    areaCodes: string[];
    startsAt: string;
    endsAt: string;
  };
  /** Pushed checklist items or 12369 clues were given to a group as tasks. */
  'tasks.assigned': { kind: 'checklist' | 'clue'; groupId: string; groupNumber: number; count: number };
  /** A checklist item or clue is overdue: escalated to the command group. */
  'dispatch.overdue': {
    kind: 'checklist' | 'clue';
    id: string;
    groupId: string;
    groupNumber: number;
    dueDate: string;
    daysOverdue: number;
    escalation: string;
  };
  /** The daily package's warning time (19:00): what a group still lacks for the 20:00 package. */
  'reports.daily_warning': {
    groupId: string;
    groupNumber: number;
    stationedCity: string;
    date: string;
    deadline: string;
    missing: { code: string; severity: string; message: string }[];
  };
  /** A group's daily package was prepared or its mail state changed: consoles refetch. */
  'reports.daily_package': { groupId: string; date: string };
  /**
   * Internal: sessions ended (logout, or a user's password, roles or access changed). Never
   * sent to clients; open live streams of these sessions end at once, on every instance.
   */
  'sessions.ended': { userId: string; sessionIds: string[] };
}

export type EventType = keyof EventPayloads;

/** Events that stay inside the server: the live feed never writes them to a stream. */
export const INTERNAL_EVENT_TYPES = ['sessions.ended'] as const satisfies readonly EventType[];
export type InternalEventType = (typeof INTERNAL_EVENT_TYPES)[number];
/** The events a client may receive on GET /live. */
export type LiveEventType = Exclude<EventType, InternalEventType>;

export function isInternalEvent(type: EventType): type is InternalEventType {
  return (INTERNAL_EVENT_TYPES as readonly EventType[]).includes(type);
}

export const EVENT_TYPES = [
  'inspection.created',
  'evidence.added',
  'problem.changed',
  'tasks.due_soon',
  'instruction.issued',
  'instruction.acknowledged',
  'alert.changed',
  'tasks.assigned',
  'dispatch.overdue',
  'reports.daily_warning',
  'reports.daily_package',
] as const satisfies readonly LiveEventType[];

/** Who may hear an event, decided by the server per subscriber binding. */
export interface EventAudience {
  /** Groups whose liaison, leader and inspectors hear it (the provincial side hears everything). */
  groupIds: readonly string[];
  /** The division a handover was addressed to: bureaus covering it hear the event. */
  bureauDivisionCode?: string;
}

export interface DomainEvent<T extends EventType = EventType> {
  type: T;
  at: string;
  /** The campaign it happened in; null for platform events that belong to none (sessions). */
  campaignId: string | null;
  audience: EventAudience;
  data: EventPayloads[T];
}

/** Any event, narrowed by its `type`. */
export type AnyDomainEvent = { [T in EventType]: DomainEvent<T> }[EventType];

/** What a client receives on GET /live for an event: never its audience. */
export type LiveMessage<T extends LiveEventType = LiveEventType> = {
  type: T;
  at: string;
  data: EventPayloads[T];
};

/** Any live message, narrowed by its `type`. */
export type AnyLiveMessage = { [T in LiveEventType]: LiveMessage<T> }[LiveEventType];

/**
 * An event too large for the transport between instances (PostgreSQL NOTIFY carries 8000
 * bytes) travels as this reference; clients refetch what it names.
 */
export interface TruncatedData {
  id: string | null;
  truncated: true;
}
