// Finds every server action ("use server" module exports) and route handler (route.ts HTTP method
// exports) in app/, components/ and lib/ by parsing the source, as Next does when it builds.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

const HTTP_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
const ROOTS = ["app", "components", "lib"];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" || entry.name === "node_modules" ? [] : sourceFiles(full);
    return /\.(ts|tsx|js|jsx|mjs)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function isExported(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** Exported values (not types) of one module. */
function valueExports(file: ts.SourceFile): string[] {
  const names: string[] = [];
  for (const statement of file.statements) {
    if (ts.isFunctionDeclaration(statement) && isExported(statement) && statement.name) names.push(statement.name.text);
    if (ts.isVariableStatement(statement) && isExported(statement)) {
      for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) names.push(d.name.text);
    }
    if (ts.isExportDeclaration(statement) && !statement.isTypeOnly && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const e of statement.exportClause.elements) if (!e.isTypeOnly) names.push(e.name.text);
    }
  }
  return names;
}

function hasModuleDirective(file: ts.SourceFile, directive: string): boolean {
  for (const statement of file.statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) return false;
    if (statement.expression.text === directive) return true;
  }
  return false;
}

export interface Discovered {
  /** `<file>#<export>` for every server action and route handler method. */
  targets: string[];
  /** Files with a "use server" that is not a module directive (inline actions), which the matrix cannot name yet. */
  inlineServerActions: string[];
}

export function discoverCallables(root = process.cwd()): Discovered {
  const targets: string[] = [];
  const inlineServerActions: string[] = [];
  for (const full of ROOTS.flatMap((r) => sourceFiles(path.join(root, r)))) {
    const relative = path.relative(root, full).split(path.sep).join("/");
    const text = readFileSync(full, "utf8");
    const file = ts.createSourceFile(full, text, ts.ScriptTarget.Latest, true);
    if (hasModuleDirective(file, "use server")) {
      for (const name of valueExports(file)) targets.push(`${relative}#${name}`);
    } else if (/["']use server["']/.test(text)) {
      inlineServerActions.push(relative);
    }
    if (/^app\/.*\/route\.(ts|js)$/.test(relative) || /^app\/route\.(ts|js)$/.test(relative)) {
      for (const name of valueExports(file)) if (HTTP_METHODS.has(name)) targets.push(`${relative}#${name}`);
    }
  }
  return { targets: targets.sort(), inlineServerActions };
}
