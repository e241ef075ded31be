import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../roles.ts';
import {
  allowedActions,
  nextState,
  PROBLEM_STATES,
  type ProblemAction,
  type ProblemState,
  TRANSITIONS,
} from './lifecycle.ts';
import { formatHandoverNumber } from './numbering.ts';

// The whole matrix, written out as the plan reads: who may do what, in which state.
const EXPECTED: Partial<Record<ProblemState, Partial<Record<Role, ProblemAction[]>>>> = {
  open: { leader: ['confirm_fixed'], liaison: ['confirm_fixed'], inspector: ['confirm_fixed'] },
  draft: { leader: ['submit'], liaison: ['submit'] },
  returned: { leader: ['submit'], liaison: ['submit'] },
  submitted: { command: ['return', 'approve'] },
  approved: { command: ['hand_over'] },
  handed_over: { bureau: ['receive'] },
  received: { bureau: ['submit_feedback'] },
  feedback_submitted: { leader: ['follow_up'], liaison: ['follow_up'], inspector: ['follow_up'] },
  fixed_on_spot: {},
  closed: {},
};

describe('problem lifecycle', () => {
  for (const state of Object.keys(PROBLEM_STATES) as ProblemState[]) {
    for (const role of ROLES) {
      const want = EXPECTED[state]?.[role] ?? [];
      it(`${role} in ${state}: ${want.join(', ') || 'nothing'}`, () => {
        expect(allowedActions(state, [role]).sort()).toEqual([...want].sort());
      });
    }
  }

  it('never lets admin, datadesk or dispatcher move a problem', () => {
    for (const s of Object.keys(PROBLEM_STATES) as ProblemState[]) {
      expect(allowedActions(s, ['admin', 'datadesk', 'dispatcher'])).toEqual([]);
    }
  });

  it('branches the follow-up on rectification and closes only then', () => {
    expect(nextState('follow_up', { rectified: true })).toBe('closed');
    expect(nextState('follow_up', { rectified: false })).toBe('handed_over');
    expect(nextState('return')).toBe('returned');
    expect(TRANSITIONS.submit.from).toContain('returned');
  });

  it('requires a reason to return, a bureau and deadline to hand over, a case decision in feedback', () => {
    expect(TRANSITIONS.return.requires).toEqual(['reason']);
    expect(TRANSITIONS.hand_over.requires).toEqual(['bureauDivisionCode', 'deadline']);
    expect(TRANSITIONS.submit_feedback.requires).toContain('caseFiled');
  });
});

describe('handover numbers', () => {
  it('formats the default and custom patterns', () => {
    expect(formatHandoverNumber('豫环暗查〔{year}〕第{seq:4}号', 2020, 1)).toBe('豫环暗查〔2020〕第0001号');
    expect(formatHandoverNumber('豫环暗查〔{year}〕第{seq:4}号', 2020, 12345)).toBe(
      '豫环暗查〔2020〕第12345号',
    );
    expect(formatHandoverNumber('JB-{year}-{seq}', 2021, 7)).toBe('JB-2021-7');
  });
});

describe('feedback that contradicts itself', () => {
  const base = { action: 'submit_feedback', investigation: '属实', measures: '已整改' } as const;
  it('carries a case number and a fine only when a case was filed', async () => {
    const { transitionBody } = await import('../schemas/problems.ts');
    expect(
      transitionBody.safeParse({
        ...base,
        caseFiled: true,
        caseNumber: '豫环罚〔2020〕12号',
        penaltyYuan: 50000,
      }).success,
    ).toBe(true);
    expect(transitionBody.safeParse({ ...base, caseFiled: false }).success).toBe(true);
    const numbered = transitionBody.safeParse({
      ...base,
      caseFiled: false,
      caseNumber: '豫环罚〔2020〕12号',
    });
    expect(numbered.success).toBe(false);
    expect(numbered.error?.issues[0]).toMatchObject({
      path: ['caseNumber'],
      message: '未立案的不应填写案件编号',
    });
    const fined = transitionBody.safeParse({ ...base, caseFiled: false, penaltyYuan: 100 });
    expect(fined.error?.issues[0]).toMatchObject({
      path: ['penaltyYuan'],
      message: '未立案的不应填写罚款金额',
    });
    expect(transitionBody.safeParse({ ...base, caseFiled: true }).success).toBe(false);
  });
});
