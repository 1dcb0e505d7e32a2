import { createHash } from "node:crypto";

/**
 * Names under which node-postgres prepares a statement text once per pooled connection and then
 * sends only Bind and Execute: PostgreSQL skips parsing and, once it settles on a generic plan
 * (after five executions, when that plan is not costlier), planning too. A name is a hash of the
 * text, so one text has one name on every connection and two texts never share one.
 *
 * Every named text stays prepared on each connection for the connection's life, so their number is
 * capped: past the cap, texts go unnamed (parsed each time, as before) rather than piling up — the
 * cap is only reached if a caller builds texts with values in them, which it should not.
 *
 * A pooler in transaction mode between the app and PostgreSQL must therefore keep protocol-level
 * prepared statements per client (PgBouncer does from 1.21, with max_prepared_statements set).
 */
export const MAX_NAMED_STATEMENTS = 256;

const names = new Map<string, string>();

export function preparedStatementName(text: string): string | undefined {
  const known = names.get(text);
  if (known !== undefined || names.size >= MAX_NAMED_STATEMENTS) return known;
  const name = `ll_${createHash("sha1").update(text).digest("hex").slice(0, 24)}`;
  names.set(text, name);
  return name;
}
