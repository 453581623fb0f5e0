// The one way a process's Temporal Schedule is installed or removed: create, or update in place when it exists, overlap SKIP.
import { ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy, type Client, type ScheduleOptionsAction } from '@temporalio/client';
import type { Duration } from '@temporalio/common';

export interface IntervalSchedule {
  scheduleId: string;
  every: Duration;
  action: ScheduleOptionsAction;
  /** What is installed, in words (shown in the Web UI and `schedules list`). */
  note: string;
  /** How far back missed runs are made up after downtime; default 10 minutes. */
  catchupWindow?: Duration;
  /** Create the schedule paused (an existing schedule keeps its own pause state). */
  paused?: boolean;
  /** On update, keep the installed action (a poller's start cursor lives in it). */
  keepAction?: boolean;
}

/**
 * Installs the schedule, or updates it when it exists: a second install with another interval moves it
 * rather than failing. Overlap SKIP: while a run goes on, or waits parked for a person, the next one is
 * skipped, never stacked. A pause someone set stays.
 */
export async function installIntervalSchedule(client: Client, s: IntervalSchedule): Promise<'created' | 'updated'> {
  try {
    await client.schedule.create({
      scheduleId: s.scheduleId,
      spec: { intervals: [{ every: s.every }] },
      action: s.action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: s.catchupWindow ?? '10 minutes' },
      state: { note: s.note, paused: s.paused === true },
    });
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
  await client.schedule.getHandle(s.scheduleId).update((previous) => ({
    ...previous,
    spec: { intervals: [{ every: s.every }] },
    ...(s.keepAction ? {} : { action: s.action }),
    policies: { ...previous.policies, overlap: ScheduleOverlapPolicy.SKIP },
    state: { paused: previous.state.paused, note: s.note },
  }));
  return 'updated';
}

/** Deletes the schedule; runs it already started finish. */
export async function removeSchedule(client: Client, scheduleId: string): Promise<'removed' | 'absent'> {
  try {
    await client.schedule.getHandle(scheduleId).delete();
    return 'removed';
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) return 'absent';
    throw err;
  }
}
