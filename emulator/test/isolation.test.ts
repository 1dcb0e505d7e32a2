import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const emulatorRoot = path.resolve(__dirname, "..");
const repoRoot = path.resolve(emulatorRoot, "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "node_modules" || name === "fixtures") return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(name) ? [full] : [];
  });
}

const SPECIFIER = /(?:import|export)\s[^"'`]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|require\(\s*["']([^"']+)["']\s*\)/g;

describe("the emulator is a separate program", () => {
  it("imports nothing from app/ or lib/", () => {
    const offenders: string[] = [];
    const files = sourceFiles(emulatorRoot);
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      for (const match of text.matchAll(SPECIFIER)) {
        const spec = match[1] ?? match[2] ?? match[3] ?? "";
        const target = spec.startsWith(".") ? path.resolve(path.dirname(file), spec) : spec.startsWith("@/") ? path.join(repoRoot, spec.slice(2)) : null;
        if (target === null) continue;
        const relative = path.relative(repoRoot, target);
        if (relative.startsWith("app") || relative.startsWith("lib") || !target.startsWith(emulatorRoot)) offenders.push(`${path.relative(repoRoot, file)} → ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

/** Modules a file loads when it runs: relative value imports, not `import type`. */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const found: string[] = [];
  for (const match of text.matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?from\s*["'](\.[^"']+)["']/gm)) {
    const base = path.resolve(path.dirname(file), match[1]!);
    const target = [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")].find((candidate) => existsSync(candidate));
    if (target) found.push(target);
  }
  return found;
}

/** Every cycle of runtime imports, each as the files around it (found by depth-first search). */
export function importCycles(files: string[], importsOf: (file: string) => string[]): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, "open");
    stack.push(file);
    for (const next of importsOf(file)) {
      if (state.get(next) === "open") cycles.push(stack.slice(stack.indexOf(next)));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of files) if (!state.has(file)) visit(file);
  return cycles;
}

describe("the emulator's modules", () => {
  // A cycle makes the order modules load in decide whether an import is still undefined when used.
  it("import one another without cycles", () => {
    const files = sourceFiles(emulatorRoot).filter((f) => f.endsWith(".ts") && !f.includes(`${path.sep}test${path.sep}`));
    const cycles = importCycles(files, runtimeImports).map((cycle) => cycle.map((f) => path.relative(emulatorRoot, f)).join(" → "));
    expect(cycles).toEqual([]);
  });

  it("finds a cycle when there is one", () => {
    const graph: Record<string, string[]> = { a: ["b"], b: ["c"], c: ["a"], d: ["a"] };
    expect(importCycles(["d", "a", "b", "c"], (f) => graph[f] ?? [])).toEqual([["a", "b", "c"]]);
  });
});
