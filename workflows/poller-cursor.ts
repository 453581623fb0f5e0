// pollerCursor: where one change-detection poller is, held durably in a workflow's state (continue-as-new keeps it small); polls read it at their start and advance it at their end.
import { allHandlersFinished, condition, continueAsNew, defineQuery, defineUpdate, setHandler } from '@temporalio/workflow';

export const POLLER_CURSOR_TYPE = 'pollerCursor';
export const pollerCursorWorkflowId = (poller: string): string => `poller-cursor/${poller}`;
export const cursorQuery = defineQuery<{ cursor: unknown; advances: number }>('cursor');
export const advanceCursorUpdate = defineUpdate<number, [cursor: unknown]>('advanceCursor');

export interface PollerCursorInput {
  poller: string;
  cursor: unknown;
  /** Advances since the cursor was first made (carried through continue-as-new). */
  advances?: number;
}

/** Advances per run before it continues as new, so the history stays short whatever the poll interval. */
const ADVANCES_PER_RUN = 200;

export async function pollerCursor(input: PollerCursorInput): Promise<void> {
  let cursor = input.cursor;
  let advances = input.advances ?? 0;
  let inThisRun = 0;
  setHandler(cursorQuery, () => ({ cursor, advances }));
  setHandler(advanceCursorUpdate, (next: unknown) => {
    cursor = next;
    advances += 1;
    inThisRun += 1;
    return advances;
  });
  await condition(() => inThisRun >= ADVANCES_PER_RUN);
  await condition(allHandlersFinished);
  await continueAsNew<typeof pollerCursor>({ poller: input.poller, cursor, advances });
}
