// npm run docs:roles: writes docs/ROLES.md from the permission table (lib/auth/permissions.ts).
import { writeFileSync } from "node:fs";
import path from "node:path";
import { rolesDoc } from "@/lib/auth/roles-doc";

const file = path.resolve("docs", "ROLES.md");
writeFileSync(file, rolesDoc());
console.log(`Wrote ${path.relative(process.cwd(), file)}`);
