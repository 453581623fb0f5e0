// What provisioning writes to an existing Coupa user: only the fields that really differ from the plan.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  approvalGroupChanges,
  coupaUserChanges,
  sameDecimal,
  type CoupaUserPlan,
  type CoupaUserState,
} from '../../mapping';

const plan: CoupaUserPlan = {
  employeeNumber: '21020',
  login: 'oliver.smith@acme.example',
  email: 'oliver.smith@acme.example',
  firstname: 'Zoë',
  lastname: 'Müller',
  managerEmployeeNumber: '21002',
  defaultAccount: { accountTypeName: 'Acme UK', code: 'GB01-CC1610', segments: ['GB01', 'CC1610'] },
  defaultCurrency: 'GBP',
  requisitionApprovalLimit: { amount: '5000.00', currency: 'GBP' },
  invoiceApprovalLimit: null,
  roles: ['Approver', 'Requester', 'User'],
  approvalGroups: ['Sales Approvers'],
  managedApprovalGroups: ['Finance Approvers', 'Sales Approvers'],
};

/** The Coupa user as it looks after an earlier, complete provisioning of `plan`. */
function provisioned(overrides: Partial<CoupaUserState> = {}): CoupaUserState {
  return {
    id: 77,
    employeeNumber: '21020',
    login: 'oliver.smith@acme.example',
    email: 'oliver.smith@acme.example',
    firstname: 'Zoë',
    lastname: 'Müller',
    active: true,
    managerEmployeeNumber: '21002',
    defaultAccountCode: 'GB01-CC1610',
    defaultAccountTypeName: 'Acme UK',
    defaultCurrency: 'GBP',
    requisitionApprovalLimit: { amount: '5000.00', currency: 'GBP' },
    invoiceApprovalLimit: null,
    roles: ['Approver', 'Requester', 'User'],
    ...overrides,
  };
}

describe('given a Coupa user already provisioned from the plan', () => {
  it('nothing is written', () => {
    assert.deepEqual(coupaUserChanges(provisioned(), plan), []);
  });

  it('nothing is written when Coupa only says the same thing differently', () => {
    const current = provisioned({
      email: 'Oliver.Smith@ACME.example',
      login: 'Oliver.Smith@acme.example',
      firstname: 'Zoe\u0308', // "Zoë" with a combining diaeresis
      requisitionApprovalLimit: { amount: '5000', currency: 'GBP' },
      roles: ['User', 'Approver', 'Requester', 'User'],
    });
    assert.deepEqual(coupaUserChanges(current, plan), []);
    assert.deepEqual(
      coupaUserChanges(provisioned({ requisitionApprovalLimit: { amount: '5000.000', currency: 'GBP' } }), {
        ...plan,
        requisitionApprovalLimit: { amount: '5000', currency: 'GBP' },
      }),
      [],
    );
  });
});

describe('given a Coupa user that differs from the plan in one field, exactly that field is written', () => {
  const cases: Array<{ what: string; current: Partial<CoupaUserState>; field: string; from: unknown; to: unknown }> = [
    { what: 'a missing employee number', current: { employeeNumber: null }, field: 'employeeNumber', from: null, to: '21020' },
    { what: 'an old login', current: { login: 'osmith' }, field: 'login', from: 'osmith', to: 'oliver.smith@acme.example' },
    { what: 'an old email', current: { email: 'o.smith@acme.example' }, field: 'email', from: 'o.smith@acme.example', to: 'oliver.smith@acme.example' },
    { what: 'a changed first name', current: { firstname: 'Zoe' }, field: 'firstname', from: 'Zoe', to: 'Zoë' },
    { what: 'a changed last name', current: { lastname: 'Muller' }, field: 'lastname', from: 'Muller', to: 'Müller' },
    { what: 'a deactivated user (a rehire)', current: { active: false }, field: 'active', from: false, to: true },
    { what: 'a new manager', current: { managerEmployeeNumber: '21003' }, field: 'managerEmployeeNumber', from: '21003', to: '21002' },
    { what: 'no manager yet', current: { managerEmployeeNumber: null }, field: 'managerEmployeeNumber', from: null, to: '21002' },
    {
      what: 'a move to another cost center',
      current: { defaultAccountCode: 'GB01-CC1810' },
      field: 'defaultAccount',
      from: { accountTypeName: 'Acme UK', code: 'GB01-CC1810' },
      to: { accountTypeName: 'Acme UK', code: 'GB01-CC1610' },
    },
    {
      what: 'the same code in another chart of accounts',
      current: { defaultAccountTypeName: 'Acme US' },
      field: 'defaultAccount',
      from: { accountTypeName: 'Acme US', code: 'GB01-CC1610' },
      to: { accountTypeName: 'Acme UK', code: 'GB01-CC1610' },
    },
    { what: 'another currency', current: { defaultCurrency: 'USD' }, field: 'defaultCurrency', from: 'USD', to: 'GBP' },
    {
      what: 'a raised requisition limit',
      current: { requisitionApprovalLimit: { amount: '1000.00', currency: 'GBP' } },
      field: 'requisitionApprovalLimit',
      from: { amount: '1000.00', currency: 'GBP' },
      to: { amount: '5000.00', currency: 'GBP' },
    },
    {
      what: 'a limit in the wrong currency',
      current: { requisitionApprovalLimit: { amount: '5000.00', currency: 'USD' } },
      field: 'requisitionApprovalLimit',
      from: { amount: '5000.00', currency: 'USD' },
      to: { amount: '5000.00', currency: 'GBP' },
    },
    {
      what: 'no requisition limit yet',
      current: { requisitionApprovalLimit: null },
      field: 'requisitionApprovalLimit',
      from: null,
      to: { amount: '5000.00', currency: 'GBP' },
    },
    {
      what: 'an invoice limit the plan takes away',
      current: { invoiceApprovalLimit: { amount: '0.00', currency: 'GBP' } },
      field: 'invoiceApprovalLimit',
      from: { amount: '0.00', currency: 'GBP' },
      to: null,
    },
    {
      what: 'a missing role',
      current: { roles: ['User', 'Requester'] },
      field: 'roles',
      from: ['Requester', 'User'],
      to: ['Approver', 'Requester', 'User'],
    },
    {
      what: 'an extra role',
      current: { roles: ['Approver', 'Requester', 'User', 'Admin'] },
      field: 'roles',
      from: ['Admin', 'Approver', 'Requester', 'User'],
      to: ['Approver', 'Requester', 'User'],
    },
  ];
  for (const { what, current, field, from, to } of cases) {
    it(what, () => {
      assert.deepEqual(coupaUserChanges(provisioned(current), plan), [{ field, from, to }]);
    });
  }

  it('several differences are all reported', () => {
    const fields = coupaUserChanges(provisioned({ active: false, lastname: 'Smith', roles: [] }), plan).map((c) => c.field);
    assert.deepEqual(fields, ['lastname', 'active', 'roles']);
  });
});

describe('approval group memberships', () => {
  it('nothing to do when the user is in exactly the planned groups', () => {
    assert.deepEqual(approvalGroupChanges(['Sales Approvers'], plan), { add: [], remove: [] });
  });

  it('a new manager is added to the planned group', () => {
    assert.deepEqual(approvalGroupChanges([], plan), { add: ['Sales Approvers'], remove: [] });
  });

  it('after a move, the old managed group is left and the new one joined', () => {
    assert.deepEqual(approvalGroupChanges(['Finance Approvers'], plan), { add: ['Sales Approvers'], remove: ['Finance Approvers'] });
  });

  it('a group someone set up by hand in Coupa, outside the mapping file, is never removed', () => {
    assert.deepEqual(approvalGroupChanges(['Sales Approvers', 'Board Approvers', 'Finance Approvers'], plan), {
      add: [],
      remove: ['Finance Approvers'],
    });
  });

  it('someone who is no longer a manager leaves every managed group', () => {
    assert.deepEqual(approvalGroupChanges(['Sales Approvers', 'Finance Approvers', 'Board Approvers'], { ...plan, approvalGroups: [] }), {
      add: [],
      remove: ['Finance Approvers', 'Sales Approvers'],
    });
  });
});

describe('money compares as decimals', () => {
  it('equal amounts written differently are equal; different amounts are not', () => {
    assert.ok(sameDecimal('5000', '5000.00'));
    assert.ok(sameDecimal('05000.50', '5000.5'));
    assert.ok(sameDecimal('0', '0.00'));
    assert.ok(!sameDecimal('5000', '500.00'));
    assert.ok(!sameDecimal('5000.01', '5000'));
    assert.ok(!sameDecimal('-5', '5'));
  });
});
