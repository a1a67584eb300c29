// Architecture rules as code (house style "Data flows one way"; issue 14, section 9).
// Layers, top to bottom: http -> bot -> dialogs -> services -> store. A layer never imports a layer
// above it; src/shared, src/config and src/logging are usable by every layer. `npm run check:arch`.

/** The capability folders: the services layer. src/ml (the shared ML engine) is a service too. */
const SERVICES =
  '^src/(knowledge|sentiment|complaints|analysis|escalation|tickets|customers|conversations|handoff|agents|notifications|directline|training|ml)/';
/** Entry points: they wire everything and nothing of ours imports them (bin/ reaches src/cli). */
const ENTRIES = '^src/(index\\.ts$|cli/)';
const HTTP = '^src/http/';
const BOT = '^src/bot/';
const DIALOGS = '^dialogs/';
const STORE = '^src/store/';
/** Usable by all; they import no layer themselves. */
const COMMON = '^src/(shared|config|logging)/';
/** The Bot Framework SDK (botbuilder, botbuilder-*, botframework-connector/-schema), matched on the resolved path. */
const BOT_FRAMEWORK = '(^|/)node_modules/(botbuilder[^/]*|botframework-(connector|schema))/';
/** The ML core's only callers (issue 14, section 3). */
const ML_USERS = '^src/(knowledge|complaints|sentiment|analysis|ml)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A module cycle means two files are one concept split badly; move the shared part down.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-cycles',
      severity: 'error',
      scope: 'folder',
      comment:
        'Two folders that import each other are one capability or a missing lower one; no module cycle is needed for this.',
      from: { path: '^(src|dialogs)/' },
      to: { circular: true },
    },
    {
      name: 'entries-are-not-imported',
      severity: 'error',
      comment: 'src/index.ts and src/cli/ are composition roots: the top; nothing else may import them.',
      from: { path: '^(src|dialogs)/', pathNot: ENTRIES },
      to: { path: ENTRIES },
    },
    {
      name: 'http-is-below-entries-only',
      severity: 'error',
      comment: 'http is the top layer under the composition root.',
      from: { path: HTTP },
      to: { path: ENTRIES },
    },
    {
      name: 'bot-not-to-http',
      severity: 'error',
      comment: 'bot sits under http: the HTTP edge calls the bot, never the other way round.',
      from: { path: BOT },
      to: { path: `${HTTP}|${ENTRIES}` },
    },
    {
      name: 'dialogs-not-to-bot-or-http',
      severity: 'error',
      comment: 'dialogs sit under bot and http; they get their services through the constructor.',
      from: { path: DIALOGS },
      to: { path: `${BOT}|${HTTP}|${ENTRIES}` },
    },
    {
      name: 'services-not-to-upper-layers',
      severity: 'error',
      comment: 'Services must be usable from a CLI or another bot framework unchanged: no dialogs, bot or http.',
      from: { path: SERVICES },
      to: { path: `${DIALOGS}|${BOT}|${HTTP}|${ENTRIES}` },
    },
    {
      name: 'store-is-the-bottom',
      severity: 'error',
      comment: 'The store is the bottom layer: it imports only src/shared, src/config and src/logging.',
      from: { path: STORE },
      to: { path: '^(src|dialogs)/', pathNot: `${STORE}|${COMMON}` },
    },
    {
      name: 'common-imports-no-layer',
      severity: 'error',
      comment: 'src/shared, src/config and src/logging are usable by all, so they may import none of the layers.',
      from: { path: COMMON },
      to: { path: '^(src|dialogs)/', pathNot: COMMON },
    },
    {
      name: 'botbuilder-only-in-bot-http-dialogs',
      severity: 'error',
      comment:
        'The Bot Framework SDK stays at the edge (src/bot, src/http, dialogs/, src/index.ts); services never import it.',
      from: { path: '^(src|dialogs)/', pathNot: `${BOT}|${HTTP}|${DIALOGS}|^src/index\\.ts$` },
      to: { path: BOT_FRAMEWORK },
    },
    {
      name: 'ml-only-from-ml-users',
      severity: 'error',
      comment:
        'The shared ML engine (src/ml) has a small public surface for knowledge, complaints, sentiment and analysis only.',
      from: { path: '^(src|dialogs)/', pathNot: ML_USERS },
      to: { path: '^src/ml/' },
    },
    {
      name: 'ml-imports-only-shared',
      severity: 'error',
      comment: 'src/ml is the bottom of the ML stack: of our code it imports only src/shared.',
      from: { path: '^src/ml/' },
      to: { path: '^(src|dialogs)/', pathNot: '^src/(ml|shared)/' },
    },
    {
      name: 'production-not-to-tests-or-bench',
      severity: 'error',
      comment: 'Production code never imports test helpers, fixtures or benchmarks.',
      from: { path: '^(src|dialogs|bin)/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'production-not-to-dev-deps',
      severity: 'error',
      comment: 'A devDependency is missing after `npm ci --omit=dev`; production code must not import one.',
      from: { path: '^(src|dialogs|bin)/' },
      to: { dependencyTypes: ['npm-dev'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve is a typo or a missing dependency.',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-non-package-json',
      severity: 'error',
      comment:
        "Every npm package we import is declared in package.json (not just present as someone else's dependency).",
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
  ],
  options: {
    // test/ and bench/ are cruised for cycles and resolvability; the layer rules name src/ and dialogs/ only.
    doNotFollow: { path: 'node_modules' },
    // Not node_modules: excluding it would drop every npm dependency, and the botbuilder rule with it.
    exclude: { path: '^(coverage|data)/' },
    // Type-only imports count: a service that imports a bot type still depends on the bot layer.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.mts', '.js', '.mjs', '.cjs', '.json'],
    },
    skipAnalysisNotInRules: true,
  },
};
