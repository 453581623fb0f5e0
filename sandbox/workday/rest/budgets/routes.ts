// Workday budgets v1: POST runBudgetCheck over the seeded budgets, consumption counted from posted obligation and actuals journals; plus /_sandbox/finance admin (budget view, journals, budget amendments, period close).
//
// [U] The reference lists only the resource name (POST budgets/v1/runBudgetCheck); no OpenAPI file gives its
// body. This sandbox takes {company, accountingDate, lines[{ledgerAccount, worktags[], amount}]} with refs as
// {id: WID or "Type=Value"} and answers {budgetCheckStatus, lines[…]}; the connector's path is configurable.
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { sendValidationError } from '../../http';
import type { WorkdayStore } from '../../store';
import { centsToMoney, financeStoreOf, moneyToCents } from '../../finance-store';

const refSchema = z.object({ id: z.string().min(1) }).passthrough();
const budgetCheckSchema = z.object({
  company: refSchema,
  accountingDate: z.string().regex(/^\d{4}-\d{2}-\d{2}/),
  lines: z
    .array(
      z.object({
        lineOrder: z.number().int().optional(),
        ledgerAccount: refSchema,
        worktags: z.array(refSchema).default([]),
        amount: z.union([z.string(), z.number()]).transform(String),
      }),
    )
    .min(1),
});

/** `Company_Reference_ID=US01` → US01; a WID stays as it is. */
function idValue(id: string): string {
  const eq = id.indexOf('=');
  return eq < 0 ? id : id.slice(eq + 1);
}

export function budgetsRouter(store: WorkdayStore): Router {
  const router = express.Router();
  router.post('/runBudgetCheck', express.json(), (req: Request, res: Response) => {
    const parsed = budgetCheckSchema.safeParse(req.body);
    if (!parsed.success) return sendValidationError(res, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
    const finance = financeStoreOf(store);
    const body = parsed.data;
    const company = idValue(body.company.id);
    if (!finance.companyExists(company)) return sendValidationError(res, [`company: ${body.company.id} is not a valid company`]);
    const year = Number(body.accountingDate.slice(0, 4));
    const problems: string[] = [];
    // Several lines on the same budget line add up before they are compared with what is left.
    const asked = new Map<string, number>();
    const lines = body.lines.map((line, index) => {
      const account = idValue(line.ledgerAccount.id);
      const costCenter = line.worktags.map((w) => idValue(w.id)).find((v) => finance.costCenterExists(v));
      const cents = moneyToCents(line.amount);
      if (!finance.ledgerAccounts.has(account)) problems.push(`lines[${index}].ledgerAccount: ${line.ledgerAccount.id} is not a valid ledger account`);
      if (!costCenter) problems.push(`lines[${index}].worktags: no valid cost center worktag`);
      if (cents === null) problems.push(`lines[${index}].amount: not an amount`);
      return { lineOrder: line.lineOrder ?? index + 1, account, costCenter: costCenter ?? '', cents: cents ?? 0 };
    });
    if (problems.length > 0) return sendValidationError(res, problems);
    const results = lines.map((line) => {
      const key = `${line.account}|${line.costCenter}`;
      const budget = finance.budgetOf(company, line.costCenter, line.account, year);
      const consumed = finance.consumed('Obligation', company, line.costCenter, line.account, year) + finance.consumed('Actuals', company, line.costCenter, line.account, year);
      const already = asked.get(key) ?? 0;
      asked.set(key, already + line.cents);
      const available = budget - consumed - already;
      const passed = line.cents <= available;
      return {
        lineOrder: line.lineOrder,
        status: { id: passed ? 'PASSED' : 'FAILED', descriptor: passed ? 'Passed' : 'Failed' },
        ledgerAccount: { id: `Ledger_Account_ID=${line.account}`, descriptor: finance.ledgerAccounts.get(line.account)?.name ?? line.account },
        costCenter: { id: `Cost_Center_Reference_ID=${line.costCenter}`, descriptor: line.costCenter },
        budgetAmount: centsToMoney(budget),
        consumedAmount: centsToMoney(consumed + already),
        availableAmount: centsToMoney(available),
        requestedAmount: centsToMoney(line.cents),
      };
    });
    const failed = results.some((r) => r.status.id === 'FAILED');
    res.json({ budgetCheckStatus: { id: failed ? 'FAILED' : 'PASSED', descriptor: failed ? 'Failed' : 'Passed' }, lines: results });
  });
  return router;
}

const amendmentSchema = z.object({
  company: z.string().min(1),
  costCenter: z.string().min(1),
  ledgerAccount: z.string().min(1),
  fiscalYear: z.number().int(),
  amount: z.union([z.string(), z.number()]).transform(String),
});
const periodSchema = z.object({ company: z.string().min(1).default('*'), period: z.string().regex(/^\d{4}-\d{2}$/), closed: z.boolean() });

/** /_sandbox/finance: the budget view (budget, obligated, actual, available), posted journals, budget amendments and period close. */
export function financeAdminRouter(store: WorkdayStore): Router {
  const router = express.Router();
  const finance = () => financeStoreOf(store);
  router.get('/_sandbox/finance/budgets', (req: Request, res: Response) => {
    const year = Number(typeof req.query['fiscalYear'] === 'string' ? req.query['fiscalYear'] : new Date().getUTCFullYear());
    res.json(
      finance()
        .budgetView(year)
        .map((row) => ({ ...row, budget: centsToMoney(row.budget), obligated: centsToMoney(row.obligated), actual: centsToMoney(row.actual), available: centsToMoney(row.available) })),
    );
  });
  router.get('/_sandbox/finance/journals', (_req: Request, res: Response) => {
    res.json(finance().journals.map((j) => ({ ...j, lines: j.lines.map((l) => ({ ...l, debit: centsToMoney(l.debit), credit: centsToMoney(l.credit) })) })));
  });
  router.put('/_sandbox/finance/budgets', express.json(), (req: Request, res: Response) => {
    const parsed = amendmentSchema.safeParse(req.body);
    const cents = parsed.success ? moneyToCents(parsed.data.amount) : null;
    if (!parsed.success || cents === null) return res.status(400).json({ error: parsed.success ? 'amount is not an amount' : parsed.error.message });
    finance().setBudget(parsed.data.company, parsed.data.costCenter, parsed.data.ledgerAccount, parsed.data.fiscalYear, cents);
    res.json({ ...parsed.data, amount: centsToMoney(cents) });
  });
  router.put('/_sandbox/finance/periods', express.json(), (req: Request, res: Response) => {
    const parsed = periodSchema.safeParse(req.body);
    if (!parsed.success) return res.status(400).json({ error: parsed.error.message });
    const key = `${parsed.data.company}:${parsed.data.period}`;
    if (parsed.data.closed) finance().closedPeriods.add(key);
    else finance().closedPeriods.delete(key);
    res.json(parsed.data);
  });
  return router;
}
