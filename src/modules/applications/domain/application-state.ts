import type { ApplicationStatus } from './application.types.js';

/**
 * The application state machine (SPEC section 3). Only the actions of this issue and the ones reviews
 * will use are listed; anything not listed is an illegal transition (409 with the current state).
 */
const ACTIONS = {
  edit: ['draft', 'ineligible', 'info_requested'],
  submit: ['draft', 'ineligible', 'info_requested'],
  withdraw: ['draft', 'submitted', 'ineligible', 'info_requested'],
  /** an admin waiver that leaves no failing rule moves an ineligible application on */
  waive: ['ineligible', 'submitted', 'in_review', 'info_requested', 'pending_second_approval'],
  upload: ['draft', 'ineligible', 'info_requested', 'submitted', 'in_review', 'pending_second_approval'],
  /** an officer takes a submitted application from the queue, or puts it back */
  claim: ['submitted'],
  release: ['in_review'],
} as const satisfies Record<string, readonly ApplicationStatus[]>;
export type ApplicationAction = keyof typeof ACTIONS;

export function canPerform(status: ApplicationStatus, action: ApplicationAction): boolean {
  return (ACTIONS[action] as readonly ApplicationStatus[]).includes(status);
}

/** Where a submission lands: the rules decide. */
export function statusAfterSubmit(eligible: boolean): ApplicationStatus {
  return eligible ? 'submitted' : 'ineligible';
}

/** States in which an application still waits for something to happen. */
export const OPEN_STATUSES: ApplicationStatus[] = ['submitted', 'in_review', 'info_requested', 'pending_second_approval'];
