// Zod schemas of the staffing v7 reads the org hierarchy sync needs: supervisory orgs with their inactive flag, org members, job profiles.
//
// Same contract as schemas.ts: only the fields the integration reads are declared, every object is loose.
import { z } from 'zod';
import { jobProfileSchema, staffingSupervisoryOrganizationSchema, workdayListSchema, workdayRefSchema } from './schemas';

/** staffing v7 `supervisoryOrganizations` rows: `inactive` only shows with `includeInactive=true`. */
export const staffingSupervisoryOrganizationListItemSchema = staffingSupervisoryOrganizationSchema.extend({
  inactive: z.boolean().nullish(),
});
export type WorkdaySupervisoryOrganizationListItem = z.output<typeof staffingSupervisoryOrganizationListItemSchema>;

/** staffing v7 `supervisoryOrganizations/{id}/members`: a member is a job, pointing at its worker. */
export const supervisoryOrganizationMemberSchema = z.looseObject({
  id: z.string(),
  worker: workdayRefSchema,
  jobProfile: workdayRefSchema.nullish(),
});
export type WorkdaySupervisoryOrganizationMember = z.output<typeof supervisoryOrganizationMemberSchema>;

export const supervisoryOrganizationsPageSchema = workdayListSchema(staffingSupervisoryOrganizationListItemSchema);
export const supervisoryOrganizationMembersPageSchema = workdayListSchema(supervisoryOrganizationMemberSchema);
export const jobProfilesPageSchema = workdayListSchema(jobProfileSchema);
