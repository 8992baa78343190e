// Screenshots of a built site as a reader sees it, for looking at (not for asserting).
// Usage: node shoot.mjs OUTPUT_DIR PAGE OUT.png [--width 1280] [--height 900] [--full]
//        [--aid large|contrast|simple] [--print]
import { createServer } from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import { chromium } from 'playwright-core';

const [root, pagePath, out] = process.argv.slice(2);
const arg = (name, fallback) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : fallback; };
const width = Number(arg('--width', 1280));
const height = Number(arg('--height', 900));
const aid = arg('--aid', null);
const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.svg': 'image/svg+xml', '.js': 'text/javascript' };
const server = createServer((req, res) => {
  let path = join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname));
  try {
    if (statSync(path).isDirectory()) path = join(path, 'index.html');
    res.writeHead(200, { 'content-type': types[extname(path)] || 'application/octet-stream' });
    res.end(readFileSync(path));
  } catch { res.writeHead(404); res.end(); }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });
const page = await browser.newPage({ viewport: { width, height } });
const url = `http://127.0.0.1:${server.address().port}/${pagePath}`;
if (aid) {
  await page.goto(url);
  await page.evaluate((a) => localStorage.setItem('gongkai-' + a, '1'), aid);
}
if (process.argv.includes('--print')) await page.emulateMedia({ media: 'print' });
await page.goto(url, { waitUntil: 'load' });
await page.waitForTimeout(300);
await page.screenshot({ path: out, fullPage: process.argv.includes('--full') });
await browser.close();
server.close();
