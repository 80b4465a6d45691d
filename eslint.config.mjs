import js from "@eslint/js";
import tseslint from "typescript-eslint";
import prettier from "eslint-config-prettier";
import globals from "globals";

/** Mini-program runtime globals (declared for TypeScript by miniprogram-api-typings). */
const miniprogramGlobals = {
  wx: "readonly",
  App: "readonly",
  Page: "readonly",
  Component: "readonly",
  Behavior: "readonly",
  getApp: "readonly",
  getCurrentPages: "readonly",
  requirePlugin: "readonly",
  WechatMiniprogram: "readonly",
};

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      "miniprogram/miniprogram_npm/**",
      ".data/**",
      "dist/**",
      "server/dist/**",
      "coverage/**",
      ".tmp/**",
      "docs/gallery/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { disallowTypeAnnotations: false }],
      "no-console": "off",
    },
  },
  {
    files: ["miniprogram/**/*.ts", "typings/**/*.ts"],
    languageOptions: { globals: { ...miniprogramGlobals } },
    rules: { "no-console": ["error", { allow: ["warn", "error"] }] },
  },
  {
    files: ["test/**/*.ts", "test/**/*.js"],
    languageOptions: { globals: { ...globals.node, ...globals.jest, ...miniprogramGlobals } },
  },
  {
    files: ["server/**/*.ts", "scripts/**/*.ts", "bench/**/*.ts", "**/*.js", "**/*.mjs"],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ["**/*.js"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // the operator console's one browser script (server/src/admin)
    files: ["server/src/admin/assets/*.js"],
    languageOptions: { globals: { ...globals.browser }, sourceType: "script" },
  },
  prettier,
);
