/** A count with its noun in English, singular for exactly one: `count(1, 'problem')` is "1 problem", `count(2, 'problem')` "2 problems". */
export const count = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
