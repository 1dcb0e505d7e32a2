// The golden rules of docs/ARCHITECTURE.md, checked over the source tree so a change that breaks one
// fails here rather than in review.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = join(__dirname, "..");
const skipped = new Set(["node_modules", ".next", ".data", "generated", ".git", "test-results", "playwright-report"]);

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    if (skipped.has(name)) continue;
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) files.push(...sourceFiles(path));
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(name)) files.push(path);
  }
  return files;
}

const isTest = (file: string) => /\.(test|spec|e2e)\.tsx?$/.test(file) || file.startsWith("e2e/") || file.includes("/test/");
const appFiles = ["app", "components", "lib"].flatMap(sourceFiles);
const read = (file: string) => readFileSync(join(root, file), "utf8");

function imports(file: string): string[] {
  const source = ts.createSourceFile(file, read(file), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.arguments[0] && ts.isStringLiteral(node.arguments[0]) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === "require"))) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Imports that exist at run time (`import type` is erased). */
function valueImports(file: string): string[] {
  const source = ts.createSourceFile(file, read(file), ts.ScriptTarget.Latest, true);
  return source.statements
    .filter((s): s is ts.ImportDeclaration => ts.isImportDeclaration(s) && !s.importClause?.isTypeOnly)
    .map((s) => (s.moduleSpecifier as ts.StringLiteral).text);
}

function isServerOnly(modulePath: string): boolean {
  for (const candidate of [`${modulePath}.ts`, `${modulePath}.tsx`, `${modulePath}/index.ts`]) {
    try {
      return imports(candidate).includes("server-only");
    } catch {
      // not this candidate
    }
  }
  return false;
}

describe("architecture", () => {
  it("the emulator imports nothing from the app", () => {
    const offenders = sourceFiles("emulator").flatMap((file) =>
      imports(file).filter((spec) => spec.startsWith("@/") || /(^|\/)\.\.\/(\.\.\/)*(app|lib|components)\//.test(spec) && !spec.startsWith("./")).map((spec) => `${file} imports ${spec}`));
    expect(offenders).toEqual([]);
  });

  it("only lib/stripe/ imports the stripe package on the server (types aside)", () => {
    const offenders = appFiles
      .filter((file) => !file.startsWith("lib/stripe/") && !isTest(file))
      .filter((file) => valueImports(file).some((spec) => spec === "stripe" || spec.startsWith("stripe/")));
    expect(offenders).toEqual([]);
  });

  it("only lib/db.ts and lib/database/ construct a Prisma client", () => {
    const offenders = [...appFiles, ...sourceFiles("scripts")]
      .filter((file) => file !== "lib/db.ts" && !file.startsWith("lib/database/") && !file.startsWith("lib/migrations/"))
      .filter((file) => /new\s+PrismaClient\s*\(/.test(read(file)));
    expect(offenders).toEqual([]);
  });

  it("money is formatted only in lib/money.ts", () => {
    const offenders = [...appFiles, ...sourceFiles("components")]
      .filter((file) => file !== "lib/money.ts" && !isTest(file))
      .filter((file) => /style:\s*["']currency["']|\.toFixed\(\s*[23]\s*\)\s*}?\s*\$?\{?\s*currency/i.test(read(file)));
    expect(offenders).toEqual([]);
  });

  it("keeps test support out of the product folders", () => {
    // Harnesses, fixtures and stand-ins live under tests/support, so nothing a test needs can be
    // bundled into the app or read as product code.
    const production = appFiles.filter((file) => !isTest(file));
    expect(production.filter((file) => /(^|\/)(testing|fixtures|__mocks__)\/|harness|testbed/.test(file))).toEqual([]);
    expect(production.filter((file) => imports(file).some((m) => m.startsWith("@/tests/") || m === "vitest" || m.startsWith("@playwright/")))).toEqual([]);
  });

  it("typed amounts are read only by parseAmount, and forms reach it only through readStaffAmount", () => {
    // Where a typed amount may be read: the one function, its server entry for forms, the form's
    // live preview (the same function in the browser), list filters and the threshold setting.
    const readers = new Set(["lib/money.ts", "lib/amounts/staff-amount.ts", "components/payments/amount-field.tsx", "lib/listing/search-params.ts", "lib/amounts/confirmation-thresholds.ts"]);
    const production = appFiles.filter((file) => !isTest(file));
    expect(production.filter((file) => !readers.has(file) && /\bparseAmount\(/.test(read(file)))).toEqual([]);
    expect(production.filter((file) => !["lib/money.ts", "lib/amounts/read-decimal.ts"].includes(file) && /\breadDecimal\(/.test(read(file)))).toEqual([]);
    expect(production.filter((file) => /\b(parseFloat|Number\.parseFloat)\(/.test(read(file)))).toEqual([]);
  });

  it("pages and components format dates, numbers and statuses only through lib/format", () => {
    // One module decides how a person reads a date, a count or a status; a page calling Intl or
    // turning a code into words itself is how three date styles and raw codes crept in.
    const offenders: string[] = [];
    for (const file of [...sourceFiles("app"), ...sourceFiles("components")].filter((f) => !isTest(f))) {
      const source = ts.createSourceFile(file, read(file), ts.ScriptTarget.Latest, true);
      const report = (node: ts.Node, what: string) => offenders.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1} ${what}`);
      const visit = (node: ts.Node) => {
        if (ts.isPropertyAccessExpression(node)) {
          const name = node.name.text;
          if (ts.isIdentifier(node.expression) && node.expression.text === "Intl") report(node, `Intl.${name}`);
          if (/^toLocale(Date|Time)?String$/.test(name)) report(node, name);
          if (name === "slice" && ts.isCallExpression(node.expression) && ts.isPropertyAccessExpression(node.expression.expression) && node.expression.expression.name.text === "toISOString") report(node, "toISOString().slice");
        }
        if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === "replace" && node.arguments[0]?.getText(source) === "/_/g") report(node, "replace(/_/g, …) to make a label");
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(offenders).toEqual([]);
  });

  it("modules that read secrets are server-only", () => {
    const secret = /process\.env\.(STRIPE_SECRET_KEY|STRIPE_WEBHOOK_SECRET|NEXTAUTH_SECRET)\b/;
    const offenders = appFiles
      .filter((file) => !isTest(file) && secret.test(read(file)))
      .filter((file) => !imports(file).includes("server-only") && file !== "lib/env.ts");
    expect(offenders).toEqual([]);
  });

  it("client components import no server-only module", () => {
    const offenders = appFiles
      .filter((file) => /^\s*["']use client["']/.test(read(file)))
      .flatMap((file) =>
        imports(file)
          .filter((spec) => spec === "stripe" || spec === "server-only" || (spec.startsWith("@/") && isServerOnly(spec.slice(2))))
          .map((spec) => `${file} imports ${spec}`));
    expect(offenders).toEqual([]);
  });

  it("every dashboard page checks the caller's permission on the server", () => {
    const offenders = sourceFiles("app")
      .filter((file) => file.startsWith("app/(dashboard)/") && /\/page\.tsx$/.test(file))
      .filter((file) => !/\brequire\w*(Permission|SelfService)\(/.test(read(file)));
    expect(offenders).toEqual([]);
  });

  it("every server action checks the caller first", () => {
    const offenders: string[] = [];
    for (const file of appFiles.filter((f) => !isTest(f))) {
      const text = read(file);
      if (!/^\s*["']use server["']/.test(text)) continue;
      const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
      for (const statement of source.statements) {
        const exported = ts.getModifiers(statement as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
        if (!exported) continue;
        const bodies: Array<[string, ts.Node | undefined]> = [];
        if (ts.isFunctionDeclaration(statement)) bodies.push([statement.name?.text ?? "default", statement.body]);
        if (ts.isVariableStatement(statement)) {
          for (const d of statement.declarationList.declarations) {
            const init = d.initializer;
            if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) bodies.push([d.name.getText(source), init.body]);
          }
        }
        for (const [name, body] of bodies) {
          const first = body && ts.isBlock(body) ? body.statements[0]?.getText(source) ?? "" : body?.getText(source) ?? "";
          // requireSignInChallenge: the passkey step of signing in, before any session, gated by the
          // challenge a right password handed out.
          if (!/\b(require\w*Permission|requireSelfService|requireCustomerLink|requireSignInChallenge)\(/.test(first)) offenders.push(`${relative(root, join(root, file))}: ${name}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
