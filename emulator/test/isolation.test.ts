import { readdirSync, readFileSync, statSync } from "node:fs";
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
