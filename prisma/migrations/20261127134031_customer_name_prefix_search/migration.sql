-- Customer search by the start of a name, case-insensitively: `lower(name) LIKE 'abc%'` can use a
-- range scan of this index (text_pattern_ops compares byte-wise, whatever the database collation),
-- where ILIKE on the plain name index could only scan the whole table. Prisma's schema language
-- cannot express an expression index, so it lives here and in lib/customers/queries.ts.
DROP INDEX IF EXISTS "customers_name_idx";
CREATE INDEX "customers_name_lower_prefix_idx" ON "customers" (lower("name") text_pattern_ops);
ANALYZE "customers";
