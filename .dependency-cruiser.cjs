// Architecture rules as code (house style "Data flows one way"; issue 14, section 9).
// Layers, top to bottom: entries (src/index.ts, src/cli) -> config -> http -> bot -> dialogs -> chat
// -> services -> store. A layer never imports a layer above it; src/shared and src/logging are usable
// by every layer. src/config reads the environment into the option types the services define, so it
// sits above them, and nothing below http reads it. `npm run check:arch`.

/** The capability folders: the services layer. src/ml (the shared ML engine) is a service too; src/crm wires the CRM's. */
const SERVICES =
  '^src/(knowledge|sentiment|complaints|analysis|escalation|tickets|customers|conversations|handoff|agents|notifications|directline|training|ml|crm|insights|language|audit|reports|health|privacy)/';
/** The vocabulary the bot and the dialogs share (button meanings, the turn's analysis, the services port). */
const CHAT = '^src/chat/';
const CONFIG = '^src/config/';
/** Entry points: they wire everything and nothing of ours imports them (bin/ reaches src/cli). */
const ENTRIES = '^src/(index\\.ts$|cli/)';
const HTTP = '^src/http/';
const BOT = '^src/bot/';
const DIALOGS = '^dialogs/';
const STORE = '^src/store/';
/** Usable by all; they import no layer themselves. */
const COMMON = '^src/(shared|logging)/';
/** The one type-only way up: the database schema names every capability's table row types (kysely's layout). */
const SCHEMA = '^src/store/schema\\.ts$';
const TABLE = '\\.table\\.ts$';
/** The Bot Framework SDK (botbuilder, botbuilder-*, botframework-connector/-schema), matched on the resolved path. */
const BOT_FRAMEWORK = '(^|/)node_modules/(botbuilder[^/]*|botframework-(connector|schema))/';
/** The ML core's only callers (issue 14, section 3). */
const ML_USERS = '^src/(knowledge|complaints|sentiment|analysis|insights|ml)/';

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
      name: 'config-is-read-at-the-top',
      severity: 'error',
      comment:
        'Only the composition root, the CLI, http and bot read the configuration; services get their settings passed in (their option types live with them and config imports those).',
      from: { path: `${SERVICES}|${CHAT}|${DIALOGS}|${STORE}|${COMMON}` },
      to: { path: CONFIG },
    },
    {
      name: 'config-not-to-upper-layers',
      severity: 'error',
      comment: 'config knows option types and defaults of services and store, never http, bot or dialogs.',
      from: { path: CONFIG },
      to: { path: `${HTTP}|${BOT}|${DIALOGS}|${CHAT}|${ENTRIES}` },
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
      name: 'chat-below-dialogs',
      severity: 'error',
      comment: 'src/chat is what bot and dialogs share, so it sits below both and imports neither.',
      from: { path: CHAT },
      to: { path: `${DIALOGS}|${BOT}|${HTTP}|${ENTRIES}` },
    },
    {
      name: 'services-not-to-upper-layers',
      severity: 'error',
      comment: 'Services must be usable from a CLI or another bot framework unchanged: no dialogs, bot or http.',
      from: { path: SERVICES },
      to: { path: `${DIALOGS}|${CHAT}|${BOT}|${HTTP}|${ENTRIES}` },
    },
    {
      name: 'store-is-the-bottom',
      severity: 'error',
      comment: 'The store is the bottom layer: it imports only src/shared, src/config and src/logging.',
      from: { path: STORE, pathNot: SCHEMA },
      to: { path: '^(src|dialogs)/', pathNot: `${STORE}|${COMMON}` },
    },
    {
      name: 'schema-names-table-types-only',
      severity: 'error',
      comment:
        "src/store/schema.ts composes the Database type from each capability's *.table.ts row types (kysely's layout), type-only and nothing else.",
      from: { path: SCHEMA },
      to: { path: '^(src|dialogs)/', pathNot: `${STORE}|${COMMON}|${TABLE}` },
    },
    {
      name: 'schema-imports-are-type-only',
      severity: 'error',
      comment: 'A value import from schema.ts upwards would be a real dependency of the store on a service.',
      from: { path: SCHEMA },
      to: { path: TABLE, dependencyTypesNot: ['type-only'] },
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
      from: { path: '^(src|dialogs)/', pathNot: `${BOT}|${HTTP}|${DIALOGS}|${CHAT}|^src/index\\.ts$` },
      to: { path: BOT_FRAMEWORK },
    },
    {
      name: 'chat-uses-botbuilder-types-only',
      severity: 'error',
      comment: 'src/chat describes activities and turn state with botbuilder types but runs none of it.',
      from: { path: CHAT },
      to: { path: BOT_FRAMEWORK, dependencyTypesNot: ['type-only'] },
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
    // schema.ts is cruised by .dependency-cruiser.schema.cjs alone: its type-only imports of every
    // *.table.ts are the kysely layout's one way up, and folder-cycle rules cannot skip single files.
    exclude: { path: `^(coverage|data)/|${SCHEMA}` },
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
