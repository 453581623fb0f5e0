// Loads the mapping file on every call, so an admin's fix takes effect when support sends `retry`.
import { ApplicationFailure } from '@temporalio/common';
import { loadMappingFile } from '../infra/mapping-file';
import type { MappingConfig } from '../mapping';

export function createMappingConfigActivities(mappingFile: string) {
  return {
    async loadMappingConfig(): Promise<MappingConfig> {
      try {
        return loadMappingFile(mappingFile);
      } catch (err) {
        // A broken file is the data's fault: park the run with the file's own message.
        throw ApplicationFailure.create({
          type: 'BusinessRuleViolation',
          nonRetryable: true,
          message: err instanceof Error ? err.message : String(err),
        });
      }
    },
  };
}
