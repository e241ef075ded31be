import { get, HttpError, request } from './api.ts';
import type { AlertOut, InspectionBody, InstructionOut, Page, TaskOut } from './core.ts';
import { activeAlertsAt } from './core.ts';
import { db, getKv, setKv } from './db.ts';

// What command sent the group, kept on the phone: instructions (shown until read), pushed
// checklist items and 12369 clues (tasks closed by the record made against them), and the
// pollution alerts in force. Refreshed with everything else; read with no signal.

const READ_KEY = 'instructionsRead';

async function orEmpty<T>(path: string): Promise<T[]> {
  try {
    return (await get<Page<T>>(path)).items;
  } catch (err) {
    // A role without dispatch (403) simply has none; anything else keeps the previous copy.
    if (err instanceof HttpError && err.status === 403) return [];
    throw err;
  }
}

export async function refreshDispatch(): Promise<void> {
  const [instructions, alerts, checklist, clues] = await Promise.all([
    orEmpty<InstructionOut>('/instructions?current=true'),
    orEmpty<AlertOut>('/alerts?active=true'),
    orEmpty<TaskOut>('/tasks?kind=checklist&state=open'),
    orEmpty<TaskOut>('/tasks?kind=clue&state=open'),
  ]);
  await db.transaction('rw', db.instructions, db.alerts, db.dispatchTasks, async () => {
    await Promise.all([db.instructions.clear(), db.alerts.clear(), db.dispatchTasks.clear()]);
    await db.instructions.bulkPut(instructions);
    await db.alerts.bulkPut(alerts);
    await db.dispatchTasks.bulkPut([...checklist, ...clues]);
  });
}

export async function readInstructionIds(): Promise<string[]> {
  return (await getKv<string[]>(READ_KEY)) ?? [];
}

export async function markInstructionRead(id: string): Promise<void> {
  const read = await readInstructionIds();
  if (!read.includes(id)) await setKv(READ_KEY, [...read, id]);
}

export interface InstructionView {
  instruction: InstructionOut;
  unread: boolean;
  /** This user may confirm it for a group that has not yet. */
  canAcknowledge: boolean;
}

/** Instructions newest first; unread ones (or ones this user should confirm) first of all. */
export async function instructionViews(): Promise<InstructionView[]> {
  const [list, read] = await Promise.all([db.instructions.toArray(), readInstructionIds()]);
  return list
    .map((i) => {
      const canAcknowledge = i.targets.some((t) => t.canAcknowledge);
      return { instruction: i, canAcknowledge, unread: canAcknowledge || !read.includes(i.id) };
    })
    .sort(
      (a, b) =>
        Number(b.unread) - Number(a.unread) || b.instruction.issuedAt.localeCompare(a.instruction.issuedAt),
    );
}

/** Confirms an instruction for the user's groups (needs a signal); the cached copy follows. */
export async function acknowledge(id: string): Promise<void> {
  const { data } = await request<InstructionOut>('POST', `/instructions/${id}/acknowledgements`, {
    json: {},
  });
  await db.instructions.put({ ...data, targets: data.targets });
  await markInstructionRead(id);
}

/** Alerts in force now for a place (or any, without one), highest level first. */
export async function alertsNow(divisionCode?: string): Promise<AlertOut[]> {
  const all = await db.alerts.toArray();
  const now = new Date();
  if (divisionCode) return activeAlertsAt(all, divisionCode, now);
  return all.filter((a) => Date.parse(a.startsAt) <= now.getTime() && now.getTime() < Date.parse(a.endsAt));
}

/** Open checklist items and clues, minus those this phone already recorded against (waiting or sent). */
export async function dispatchTodo(): Promise<TaskOut[]> {
  const [tasks, done] = await Promise.all([
    db.dispatchTasks.orderBy('dueDate').toArray(),
    db.outbox
      .filter((i) => i.kind === 'inspection' && i.status !== 'failed' && !!(i.body as InspectionBody).taskId)
      .toArray(),
  ]);
  const recorded = new Set(done.map((i) => (i.body as InspectionBody).taskId));
  return tasks.filter((t) => !recorded.has(t.id));
}
