import { conflict } from '../../common/errors/domain-error.js';

export const FOLLOW_UP_ERRORS = {
  FOLLOW_UP_RECORDED: 'FOLLOW_UP_RECORDED',
  FOLLOW_UP_NOT_DUE: 'FOLLOW_UP_NOT_DUE',
} as const;

export const followUpRecorded = (completedAt: Date) =>
  conflict(FOLLOW_UP_ERRORS.FOLLOW_UP_RECORDED, 'This follow-up was already recorded', { completedAt: completedAt.toISOString() });
export const followUpNotDue = (dueOn: string) =>
  conflict(FOLLOW_UP_ERRORS.FOLLOW_UP_NOT_DUE, `This follow-up is due on ${dueOn}`, { dueOn });
