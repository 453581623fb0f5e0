// Settings of the Workday SOAP simulator, most of them Workday behaviours the reference marks unconfirmed [U], so tests can try either answer.
import { z } from 'zod';

export const workdaySoapConfigSchema = z.object({
  /**
   * [U] Where a termination sits in Worker_Status_Data. 'flat': Terminated, Termination_Date and
   * Primary_Termination_Reason_Reference directly inside it, as the v3x–v4x WSDLs declare;
   * 'nested': inside Termination_Status_Data {Terminated, Termination_Date, Termination_Reason}, as
   * older versions and reference/workday-api.md describe. The connector reads both.
   */
  terminationStatusShape: z.enum(['flat', 'nested']),
  /**
   * [U] Whether Worker_Status_Data read as of a day before a pending (future-dated) termination
   * already shows its date and reason. Off by default: effective-dated data shows the termination
   * from its date on, and the transaction log shows it from when it was entered.
   */
  pendingTerminationInStatus: z.boolean(),
  /**
   * [U] Which transaction log entries a worker found through Transaction_Log_Criteria_Data carries
   * when Include_Transaction_Log_Data is set: 'all' of them or only those inside the window.
   */
  transactionLogEntries: z.enum(['all', 'in-window']),
  /**
   * [U] The tenant's UTC offset (fixed, no daylight saving): effective moments are midnight at this
   * offset, entry moments are written in it, and datetimes sent without an offset are read in it.
   */
  tenantUtcOffset: z.string().regex(/^[+-]\d{2}:\d{2}$/, 'expected ±hh:mm'),
  /** [U] Whether xs:date values carry the offset (2024-01-15-08:00), as replies of some tenants show. */
  datesWithOffset: z.boolean(),
  /** Response_Filter Count when the request has none (Workday: 100). */
  defaultCount: z.number().int().positive(),
  /** [U] Largest Count accepted (reported as about 999). */
  maxCount: z.number().int().positive(),
  /** [U] What a Count above maxCount does: a Validation_Fault or serving maxCount. */
  overMaxCount: z.enum(['fault', 'clamp']),
  /**
   * [U] The answer to a SOAP call with an unknown or expired bearer token: HTTP 401 (as REST does)
   * or HTTP 500 with the same authenticationError fault as a wrong password.
   */
  invalidBearerStatus: z.union([z.literal(401), z.literal(500)]),
});
export type WorkdaySoapConfig = z.infer<typeof workdaySoapConfigSchema>;
export const workdaySoapConfigPatchSchema = workdaySoapConfigSchema.partial().strict();

export const DEFAULT_WORKDAY_SOAP_CONFIG: WorkdaySoapConfig = workdaySoapConfigSchema.parse({
  terminationStatusShape: 'flat',
  pendingTerminationInStatus: false,
  transactionLogEntries: 'all',
  tenantUtcOffset: '-08:00',
  datesWithOffset: true,
  defaultCount: 100,
  maxCount: 999,
  overMaxCount: 'fault',
  invalidBearerStatus: 401,
});
