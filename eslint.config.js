// Lint setup: typescript-eslint's recommended rules, with formatting left to prettier, and the folders' layering.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Relative imports that climb out of the folder into a layer above it (`../../bot/teamsBot.js`).
const importsFrom = (folders, message) => ({
  regex: `^(\\.\\./)+(${folders.join('|')})(/|$)`,
  message,
});
// Patterns match like .gitignore lines, so `botbuilder` covers `botbuilder/lib/...` too.
const BOT_SDK = ['botbuilder', 'botbuilder-*', 'botframework-*'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'docs/**', 'devTools/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports only (house style).' },
      ],
    },
  },
  { files: ['eslint.config.js'], rules: { 'no-restricted-syntax': 'off' } },
  {
    files: ['services/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            importsFrom(['bot', 'dialogs', 'cards'], 'Services sit below the bot, dialogs and cards.'),
            {
              group: [...BOT_SDK, 'restify'],
              message: 'Services stay free of botbuilder and restify: declare the structural type you need.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['cards/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            importsFrom(['services', 'bot', 'dialogs'], 'Cards take plain data: the dialog passes it in.'),
            { group: BOT_SDK, message: 'Cards stay free of botbuilder: see cardAttachment.ts.' },
          ],
        },
      ],
    },
  },
  {
    files: ['bot/**', 'dialogs/**', 'services/**', 'cards/**'],
    ignores: ['bot/main.ts', 'bot/config.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message:
            'Only the composition root (bot/main.ts, bot/config.ts) reads process.env: take the value as a parameter.',
        },
      ],
    },
  },
);
