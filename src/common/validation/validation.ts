import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { type FieldProblem, invalid } from '../errors/domain-error.js';

/** Flattens class-validator's tree into one entry per bad field, with dotted paths (`items.0.amount`). */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    if (error.constraints) {
      const messages = Object.entries(error.constraints)
        // whitelist errors read "property x should not exist": say it plainly
        .map(([key, message]) => (key === 'whitelistValidation' ? `${field} is not an accepted field` : message));
      out.push({ field, message: messages.join('; ') });
    }
    // a loop, not push(...): spreading the errors of a 100,000-item array overflows the stack
    if (error.children?.length) for (const problem of flattenValidationErrors(error.children, field)) out.push(problem);
  }
  return out;
}

export function createValidationPipe() {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => invalid(flattenValidationErrors(errors)),
  });
}
