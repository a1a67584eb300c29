// The database schema's own rules (see the exclude in .dependency-cruiser.cjs): src/store/schema.ts
// may import only *.table.ts row types, and only as types. `npm run check:arch` runs both configs.
const base = require('./.dependency-cruiser.cjs');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: base.forbidden.filter((rule) => rule.name.startsWith('schema-')),
  options: { ...base.options, exclude: { path: '^(coverage|data)/' } },
};
