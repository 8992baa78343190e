// Runs the site's own search script (assets/search.js) on its own index, in Node, for every
// query in search-queries.json, and checks that each expected page is among the results.
// Usage: node search-recall.mjs OUTPUT_DIR
import { readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const root = process.argv[2];
const here = dirname(fileURLToPath(import.meta.url));
const context = vm.createContext({});
vm.runInContext(readFileSync(join(root, 'assets/search.js'), 'utf8'), context);
const load = (path) => {
  const file = join(root, 'search', path);
  if (existsSync(file)) vm.runInContext(readFileSync(file, 'utf8'), context);
  return Promise.resolve();
};
const queries = JSON.parse(readFileSync(join(here, 'search-queries.json'), 'utf8'));
let missing = 0;
for (const { q, expect } of queries) {
  const hits = await context.gongkaiSearch.query(q, load);
  const urls = hits.map((h) => h.url.split('#')[0]);
  for (const page of expect) {
    if (!urls.includes(page)) { missing++; console.log(`search: "${q}" did not find ${page} (${hits.length} hits)`); }
  }
}
console.log(`search: ${queries.length} queries, ${queries.reduce((n, q) => n + q.expect.length, 0) - missing} of ${queries.reduce((n, q) => n + q.expect.length, 0)} expected pages found`);
process.exit(missing ? 1 : 0);
