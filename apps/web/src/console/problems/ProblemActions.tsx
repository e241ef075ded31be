import { ACTION_LABELS, type ProblemAction } from '@ancha/core';
import { Button, Flex } from 'antd';
import { createContext, type ReactNode, useContext, useState } from 'react';
import type { Problem } from '../../lib/api.ts';
import { ActionModal } from './ActionModal.tsx';

type Open = (problem: Problem, action: ProblemAction) => void;
const OpenAction = createContext<Open | null>(null);

/**
 * Holds the open action form above the lists: a row that leaves its list once the step is
 * done (approved → 待交办) must not take the form, or the new 交办单编号, with it.
 */
export function ActionHost({ children }: { children: ReactNode }) {
  const [current, setCurrent] = useState<{ problem: Problem; action: ProblemAction } | null>(null);
  return (
    <OpenAction.Provider value={(problem, action) => setCurrent({ problem, action })}>
      {children}
      {current ? (
        <ActionModal
          key={`${current.problem.id}:${current.action}`}
          problem={current.problem}
          action={current.action}
          onClose={() => setCurrent(null)}
        />
      ) : null}
    </OpenAction.Provider>
  );
}

// The order a person reads them in: the forward step first, the return last.
const ORDER: readonly ProblemAction[] = [
  'submit',
  'approve',
  'hand_over',
  'receive',
  'submit_feedback',
  'follow_up',
  'confirm_fixed',
  'return',
];
const SHORT: Partial<Record<ProblemAction, string>> = { submit_feedback: '反馈', follow_up: '回头看' };

/** Buttons for exactly the actions the server lists for this caller on this problem. */
export function ProblemActions({
  problem,
  size,
  vertical,
  only,
}: {
  problem: Problem;
  size?: 'small' | 'middle';
  vertical?: boolean;
  /** Show only these (e.g. a queue of one step); still limited to what is allowed. */
  only?: readonly ProblemAction[];
}) {
  const open = useContext(OpenAction);
  if (!open) throw new Error('ProblemActions outside ActionHost');
  const actions = ORDER.filter((a) => problem.allowedActions.includes(a) && (!only || only.includes(a)));
  if (!actions.length) return null;
  return (
    <Flex gap={8} vertical={vertical} wrap>
      {actions.map((a, i) => (
        <Button
          key={a}
          size={size}
          type={i === 0 && a !== 'return' ? 'primary' : 'default'}
          danger={a === 'return'}
          block={vertical}
          onClick={() => open(problem, a)}
        >
          {size === 'small' ? (SHORT[a] ?? ACTION_LABELS[a]) : ACTION_LABELS[a]}
        </Button>
      ))}
    </Flex>
  );
}
