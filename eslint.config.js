// Lints every TypeScript and script file with type information, so promises that are
// dropped or passed where a plain callback is expected are caught before they bite.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The rules that flag values typed `any`, for code where `any` is the norm. */
const anyIsExpected = {
  '@typescript-eslint/no-unsafe-argument': 'off',
  '@typescript-eslint/no-unsafe-assignment': 'off',
  '@typescript-eslint/no-unsafe-call': 'off',
  '@typescript-eslint/no-unsafe-member-access': 'off',
  '@typescript-eslint/no-unsafe-return': 'off',
};

export default defineConfig(
  globalIgnores(['dist/', 'data/', 'test-results/', 'docs/']),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: {
        // scripts/*.mjs and this file sit outside tsconfig.json's TypeScript program.
        projectService: { allowDefaultProject: ['*.js', 'scripts/*.mjs', 'bin/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // An async function without await is deliberate here: it turns a synchronous throw
      // (a SQLite write failing, a bad argument) into a rejection the caller handles.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Plain JavaScript has no declared types, so every parameter is `any`: these rules would only restate that.
    files: ['**/*.{js,mjs}'],
    rules: anyIsExpected,
  },
  {
    // Tests read JSON answers (`await res.json()`) and use matchers (`expect.any(...)`) that
    // are typed `any`; a wrong shape fails the assertion itself, so these rules only add noise.
    files: ['test/**/*.{ts,tsx}'],
    rules: anyIsExpected,
  },
  {
    files: ['client/**/*.{ts,tsx}', 'test/client/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
);
