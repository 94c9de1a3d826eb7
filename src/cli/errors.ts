/**
 * A usage error: the audit could not run as asked (bad option, missing build or browser). The CLI
 * prints its one-line message and exits 2; `npm start` exits 2 too.
 */
export class UsageError extends Error {}
