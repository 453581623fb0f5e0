// The worker's current settings a run needs at each attempt: queue names and the retry window live in config, not in workflow input.
export interface RunSettings {
  /** Task queues of the per-API activity workers (renaming one in config reaches runs already in flight). */
  queues: { coupa: string; workday: string };
  /** How long Temporal retries a transient API failure before the run parks as an outage. */
  apiRetryWindowSeconds: number;
}

export function createRunSettingsActivities(settings: RunSettings) {
  return {
    async currentRunSettings(): Promise<RunSettings> {
      return settings;
    },
  };
}
