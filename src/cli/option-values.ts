// Parsers for option values that commander hands over as text: a mistake is a UsageError naming the option.
import { UsageError } from "./exit-codes.js";

/** A whole number of at least `least`, for the option `name`. */
export function wholeNumber(name: string, least: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < least) throw new UsageError(`${name} ${value}: give a whole number, ${least} or more`);
    return n;
  };
}
