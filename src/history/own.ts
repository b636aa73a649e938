// Lookups keyed by file data. A plain object table answers `table["constructor"]` with a function
// from Object.prototype; a role or type named so in a history must find nothing, not that.

/** `table[key]` when `key` is the table's own entry, else undefined. */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
