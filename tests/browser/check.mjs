// Checks every page of a built site as a browser and a validator see it:
//   1. the W3C Nu HTML checker (vnu.jar, needs Java) on every .html and .svg file;
//   2. axe-core (WCAG 2.1 A/AA rules) in headless Chromium on every .html page,
//      served from 127.0.0.1 so relative links resolve as on a real host.
// Usage: node check.mjs OUTPUT_DIR [--screenshots DIR]
// Exits non-zero on any validator error or accessibility violation.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { readFileSync, readdirSync, statSync, mkdirSync } from 'node:fs';
import { join, extname, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = process.argv[2];
const shotIndex = process.argv.indexOf('--screenshots');
const shots = shotIndex > 0 ? process.argv[shotIndex + 1] : null;
// --xss: only load every page and fail on any dialog or script error (for the hostile site).
const xssOnly = process.argv.includes('--xss');
if (!root) { console.error('usage: node check.mjs OUTPUT_DIR'); process.exit(2); }

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
const files = walk(root).sort();
const pages = files.filter((f) => f.endsWith('.html'));
let failures = 0;

// 1. Nu HTML checker.
if (!xssOnly) {
const vnu = join(here, 'node_modules/vnu-jar/build/dist/vnu.jar');
let report;
try {
  const checked = files.filter((f) => /\.(html|svg)$/.test(f));
  report = execFileSync('java', ['-jar', vnu, '--errors-only', '--format', 'json', '--also-check-svg', ...checked],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
} catch (e) {
  report = e.stderr || e.stdout; // vnu exits 1 when it finds errors and writes JSON to stderr
}
const messages = JSON.parse(report || '{"messages":[]}').messages.filter((m) => m.type === 'error');
for (const m of messages) {
  failures++;
  console.log(`vnu: ${relative(root, fileURLToPath(m.url))}:${m.lastLine}: ${m.message}`);
}
console.log(`vnu: ${files.filter((f) => /\.(html|svg)$/.test(f)).length} files checked, ${messages.length} errors`);
}

// 2. axe-core in Chromium.
const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.csv': 'text/csv', '.js': 'text/javascript' };
const server = createServer((req, res) => {
  const path = join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname));
  try {
    const body = readFileSync(statSync(path).isDirectory() ? join(path, 'index.html') : path);
    res.writeHead(200, { 'content-type': types[extname(path)] || 'application/octet-stream' });
    res.end(body);
  } catch { res.writeHead(404); res.end(); }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const axeSource = readFileSync(join(here, 'node_modules/axe-core/axe.min.js'), 'utf8');
const external = [];
const dialogs = [];
const scriptErrors = [];
let violations = 0;
for (const file of pages) {
  const page = await browser.newPage({ bypassCSP: true }); // axe is injected as an inline script, which the pages' Content-Security-Policy refuses
  page.on('request', (r) => { if (!r.url().startsWith(base)) external.push(`${relative(root, file)} → ${r.url()}`); });
  page.on('dialog', async (d) => { dialogs.push(`${relative(root, file)}: ${d.type()} ${d.message()}`); await d.dismiss(); });
  page.on('pageerror', (e) => scriptErrors.push(`${relative(root, file)}: ${e.message}`));
  await page.goto(base + relative(root, file), { waitUntil: 'load' });
  if (xssOnly) {
    // Move focus once so focus and blur handlers would fire if any had survived.
    await page.keyboard.press('Tab');
    await page.close();
    continue;
  }
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  for (const v of result.violations) {
    violations++;
    console.log(`axe: ${relative(root, file)}: ${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
  }
  if (shots) {
    mkdirSync(shots, { recursive: true });
    const name = relative(root, file).replace(/\/index\.html$|\.html$/, '').replace(/\//g, '_') || 'home';
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  }
  await page.close();
}
await browser.close();
server.close();
for (const e of external) { failures++; console.log(`external request: ${e}`); }
for (const d of dialogs) { failures++; console.log(`dialog opened (script ran): ${d}`); }
for (const e of scriptErrors) { failures++; console.log(`script error: ${e}`); }
console.log(`browser: ${pages.length} pages loaded, ${dialogs.length} dialogs, ${scriptErrors.length} script errors`);
failures += violations;
if (!xssOnly) console.log(`axe: ${pages.length} pages checked, ${violations} violations; ${external.length} external requests`);
process.exit(failures ? 1 : 0);
