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
