// Flat config: Next's recommended rules (React, hooks, accessibility, Core Web Vitals) and its
// TypeScript rules over the whole repository. `npm run lint` allows no warnings.
import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "lib/generated/**",
      ".data/**",
      "coverage/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      // Unused variables are bugs, except the deliberate `_name` placeholders.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" },
      ],
    },
  },
  {
    // React components and hooks live in .tsx files. Elsewhere `use…` names are test set-up
    // helpers (useTestDatabase registers vitest hooks), not React hooks.
    files: ["**/*.ts", "**/*.js", "**/*.mjs"],
    rules: {
      "react-hooks/rules-of-hooks": "off",
      "react-hooks/immutability": "off",
    },
  },
  {
    // Pages and layouts are server components: they render once per request, so reading the
    // clock there is not the re-render hazard the purity rule guards client components against.
    files: ["app/**/page.tsx", "app/**/layout.tsx"],
    rules: { "react-hooks/purity": "off" },
  },
  {
    // Tool configuration files export their settings object directly, as each tool documents.
    files: ["*.config.mjs", "*.config.js"],
    rules: { "import/no-anonymous-default-export": "off" },
  },
  {
    // The Stripe.js stand-in's browser files are classic scripts concatenated into one bundle:
    // functions defined in one are called from another, so "unused" top-level names are not.
    files: ["emulator/stripejs/browser/**/*.js"],
    languageOptions: { sourceType: "script" },
    rules: { "@typescript-eslint/no-unused-vars": "off" },
  },
];

export default config;
