// ESLint for the code base (flat config): typescript-eslint's recommended rules for .ts, the
// Astro plugin's for .astro files, and plain ES5-era browser globals for the scripts public/
// serves as they are. Formatting is Prettier's job (npm run lint runs both).
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // Generated, downloaded or built output: not our source.
    ignores: [
      'dist/',
      'dist.*/',
      '.astro/',
      '.cache/',
      '.held/',
      '.held.*/',
      'reports/',
      'screenshots/',
      'test-results/',
      'src/data/generated/',
      'src/data/generated.*/',
      'public/downloads/',
      'data.old-*/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...astro.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // An argument or binding named with a leading underscore is unused on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Issue 18: no function over about 60 lines without a reason. Counted as ESLint counts them
    // (blank lines and comments skipped), everywhere in src and scripts, the charts and the
    // update included; not tests, whose describe blocks are lists of cases. The exceptions are
    // the story's figure files below, and csvRows in src/pipeline/read-csv.ts (a disable
    // comment with its reason).
    files: ['src/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // A section's figures and claims: one declarative list per section whose entries share the
    // series computed at its top (the reason is repeated in each function's header).
    files: [
      'src/story/figures/next.ts',
      'src/story/figures/counting.ts',
      'src/story/figures/why.ts',
      'src/story/figures/flip.ts',
      'src/story/figures/technology.ts',
      'src/story/figures/price.ts',
    ],
    ignores: ['src/story/figures/*.counterexamples.ts'],
    rules: { 'max-lines-per-function': 'off' },
  },
  {
    files: ['src/client/**', 'public/**', 'src/**/*.astro'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Served as they are to any browser, in ES5: a catch clause needs a binding there, and an
    // empty one means "storage or URL unavailable: keep the default".
    files: ['public/**/*.js'],
    languageOptions: { sourceType: 'script' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { caughtErrors: 'none' }],
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
);
