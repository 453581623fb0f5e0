// Workday budgets v1 runBudgetCheck: would these amounts fit the budget? (REST; the only budget API Workday publishes.)
//
// [U] reference/workday-api.md names only `POST budgets/v1/runBudgetCheck`; no OpenAPI file describes it. The
// path is configurable (WORKDAY_BUDGET_CHECK_PATH) and the reply is read leniently: an overall status, and per
// line a status with budget / consumed / available amounts when present.
import { z } from 'zod';
import type { CallOptions } from '../http/api-client';
import { pathSegment } from '../http/api-client';
import type { WorkdayClient } from './client';

export const DEFAULT_BUDGET_CHECK_PATH = '/budgets/v1/{tenant}/runBudgetCheck';

export interface BudgetCheckRequest {
  company: string;
  accountingDate: string;
  lines: { ledgerAccount: string; costCenter: string; amount: string }[];
}

const amount = z.union([z.string(), z.number().transform(String)]).nullish();
const statusRef = z.looseObject({ id: z.string().nullish(), descriptor: z.string().nullish() });

const budgetCheckReplySchema = z.looseObject({
  budgetCheckStatus: statusRef,
  lines: z
    .array(
      z.looseObject({
        lineOrder: z.number().int().nullish(),
        status: statusRef.nullish(),
        budgetAmount: amount,
        consumedAmount: amount,
        availableAmount: amount,
        requestedAmount: amount,
      }),
    )
    .default([]),
});

export interface BudgetCheckResult {
  passed: boolean;
  /** Workday's own word for the outcome (Passed, Failed, Warning, …). */
  status: string;
  lines: { lineOrder: number; ledgerAccount: string; costCenter: string; requested: string; available: string | null; budget: string | null; passed: boolean }[];
}

const passedWord = (s: { id?: string | null | undefined; descriptor?: string | null | undefined } | null | undefined): boolean =>
  !/fail|error|insufficient/i.test(`${s?.id ?? ''} ${s?.descriptor ?? ''}`);

export async function runBudgetCheck(workday: WorkdayClient, request: BudgetCheckRequest, path: string = DEFAULT_BUDGET_CHECK_PATH, call?: CallOptions): Promise<BudgetCheckResult> {
  const reply = await workday.http.request(budgetCheckReplySchema, {
    method: 'POST',
    path: path.replace('{tenant}', pathSegment(workday.tenant)),
    body: {
      company: { id: `Company_Reference_ID=${request.company}` },
      accountingDate: request.accountingDate,
      lines: request.lines.map((line, index) => ({
        lineOrder: index + 1,
        ledgerAccount: { id: `Ledger_Account_ID=${line.ledgerAccount}` },
        worktags: [{ id: `Cost_Center_Reference_ID=${line.costCenter}` }],
        amount: line.amount,
      })),
    },
    ...(call?.signal ? { signal: call.signal } : {}),
  });
  return {
    passed: passedWord(reply.budgetCheckStatus),
    status: reply.budgetCheckStatus.descriptor ?? reply.budgetCheckStatus.id ?? 'unknown',
    lines: request.lines.map((line, index) => {
      const answered = reply.lines.find((l) => l.lineOrder === index + 1) ?? reply.lines[index];
      return {
        lineOrder: index + 1,
        ledgerAccount: line.ledgerAccount,
        costCenter: line.costCenter,
        requested: line.amount,
        available: answered?.availableAmount ?? null,
        budget: answered?.budgetAmount ?? null,
        passed: answered ? passedWord(answered.status) : passedWord(reply.budgetCheckStatus),
      };
    }),
  };
}
