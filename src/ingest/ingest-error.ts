import { ClienteleError, type ErrorCode, type Issue } from '../schema/index.js'

/** How many issues an ingest error lists before it only counts the rest. */
export const MAX_ISSUES = 20

/** A file that cannot be imported, with every problem found (capped at MAX_ISSUES). */
export class IngestError extends ClienteleError {
  constructor(code: ErrorCode, message: string, issues: readonly Issue[] = [], total?: number) {
    super(code, message, {
      issues: issues.slice(0, MAX_ISSUES),
      totalIssues: total ?? issues.length,
    })
  }
}
