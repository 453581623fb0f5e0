// Workday reads of the cost center sync: one SOAP page per activity (Financial_Management cost centers, companies, business units), in the compact shapes the plan takes.
import { Context } from '@temporalio/activity';
import { getBusinessUnitsPage, getCompaniesPage, getCostCentersPage, type WorkdaySoapClient } from '../connectors/workday';
import type { WorkdayBusinessUnitReading, WorkdayCompanyReading, WorkdayCostCenterReading } from '../mapping/cost-center-sync';

/** One SOAP page and the number of the next one (null after the last). */
export interface SoapPageRead<T> {
  items: T[];
  nextPage: number | null;
}

const call = (): { signal: AbortSignal } => ({ signal: Context.current().cancellationSignal });

export function createWorkdayCostCenterActivities(soap: WorkdaySoapClient) {
  return {
    /** A page of Get_Cost_Centers: every cost center, inactive ones too, with company, business unit and superior. */
    async readWorkdayCostCentersPage(input: { page: number }): Promise<SoapPageRead<WorkdayCostCenterReading>> {
      const page = await getCostCentersPage(soap, input.page, call());
      return { items: page.items.map(({ wid: _wid, ...cc }) => cc), nextPage: page.nextPage };
    },

    /** A page of Get_Workday_Companies. */
    async readWorkdayCompaniesPage(input: { page: number }): Promise<SoapPageRead<WorkdayCompanyReading>> {
      const page = await getCompaniesPage(soap, input.page, call());
      return { items: page.items.map((c) => ({ code: c.code, name: c.name, inactive: c.inactive })), nextPage: page.nextPage };
    },

    /** A page of Get_Business_Units. */
    async readWorkdayBusinessUnitsPage(input: { page: number }): Promise<SoapPageRead<WorkdayBusinessUnitReading>> {
      const page = await getBusinessUnitsPage(soap, input.page, call());
      return { items: page.items.map(({ wid: _wid, ...u }) => u), nextPage: page.nextPage };
    },
  };
}
