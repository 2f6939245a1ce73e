/** TypeORM answers `[rows, rowCount]` for UPDATE … RETURNING on PostgreSQL (plain rows for SELECT and INSERT). */
export function updatedRows<T>(result: unknown): T[] {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  )
    return result[0] as T[];
  return result as T[];
}
