// Warm Chromium: one browser, N documents, each loaded with goto() and
// printed with page.pdf(). Used by bench/compare.sh.
//
//   PLAYWRIGHT_DIR=dir [CHROMIUM_PAGE=reuse|new] node chromium-warm.cjs CHROMIUM FILE_URL OUT_DIR N
//
// PLAYWRIGHT_DIR holds node_modules/playwright-core. CHROMIUM_PAGE=new (the
// default) opens and closes a page per document, reuse loads every document
// into one page. Prints one line:
//   wall_ms_per_doc cpu_ms_per_doc peak_rss_mb_largest peak_rss_mb_tree pdf_bytes
// CPU is the whole process tree (this script, the browser and its helpers,
// including helpers that exited and were reaped within the tree) over the N
// documents only; the launch, one warm-up document and the sampling's own
// time are not counted. Memory is sampled after every document from /proc:
// the largest process's high-water mark, and the largest sum of resident
// sets over the tree.
'use strict';

const fs = require('fs');
const path = require('path');

const CLK_TCK = Number(process.env.CLK_TCK || 100);
const PAGE_KB = Number(process.env.PAGE_KB || 4);

function readStat(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    // f[0] is field 3 (state); field n is f[n-3].
    return {
      ppid: Number(f[1]),
      ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]),
      rssKB: Number(f[21]) * PAGE_KB,
    };
  } catch {
    return null; // exited meanwhile
  }
}

function hwmKB(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

// tree returns the live processes descending from root (root included).
function tree(root) {
  const all = new Map();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const st = readStat(name);
    if (st) all.set(Number(name), st);
  }
  const kids = new Map();
  for (const [pid, st] of all) {
    if (!kids.has(st.ppid)) kids.set(st.ppid, []);
    kids.get(st.ppid).push(pid);
  }
  const out = [];
  const todo = [root];
  while (todo.length) {
    const pid = todo.pop();
    if (all.has(pid)) out.push([pid, all.get(pid)]);
    for (const k of kids.get(pid) || []) todo.push(k);
  }
  return out;
}

function cpuMs(root) {
  let t = 0;
  for (const [, st] of tree(root)) t += st.ticks;
  return (t * 1000) / CLK_TCK;
}

async function main() {
  const [exe, url, outDir, nArg] = process.argv.slice(2);
  const n = Number(nArg);
  if (!exe || !url || !outDir || !(n > 0)) {
    console.error('usage: chromium-warm.cjs CHROMIUM FILE_URL OUT_DIR N');
    process.exit(2);
  }
  const { chromium } = require(path.join(process.env.PLAYWRIGHT_DIR, 'node_modules', 'playwright-core'));
  const browser = await chromium.launch({
    executablePath: exe,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  // A new page per document by default, as a service isolating requests
  // would; CHROMIUM_PAGE=reuse loads every document into one page.
  const reuse = process.env.CHROMIUM_PAGE === 'reuse';
  const shared = reuse ? await browser.newPage() : null;
  const render = async (file) => {
    const page = shared || (await browser.newPage());
    await page.goto(url, { waitUntil: 'load' });
    await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
    if (!shared) await page.close();
  };
  await render(path.join(outDir, 'warmup.pdf'));

  let peakLargest = 0;
  let peakTree = 0;
  let sampleWall = 0; // the sampling's own cost, taken out of the figures
  let sampleCPU = 0;
  const sample = () => {
    const w0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    let sum = 0;
    for (const [pid, st] of tree(process.pid)) {
      sum += st.rssKB;
      peakLargest = Math.max(peakLargest, hwmKB(pid));
    }
    peakTree = Math.max(peakTree, sum);
    const c = process.cpuUsage(c0);
    sampleCPU += (c.user + c.system) / 1000;
    sampleWall += Number(process.hrtime.bigint() - w0) / 1e6;
  };
  sample();
  sampleWall = 0;
  sampleCPU = 0;
  const cpu0 = cpuMs(process.pid);
  const t0 = process.hrtime.bigint();
  let last = '';
  for (let i = 0; i < n; i++) {
    last = path.join(outDir, `warm-${i}.pdf`);
    await render(last);
    sample();
  }
  const wall = Number(process.hrtime.bigint() - t0) / 1e6 - sampleWall;
  const cpu = cpuMs(process.pid) - cpu0 - sampleCPU;
  const size = fs.statSync(last).size;
  await browser.close();
  console.log([
    (wall / n).toFixed(1),
    (cpu / n).toFixed(1),
    (peakLargest / 1024).toFixed(0),
    (peakTree / 1024).toFixed(0),
    size,
  ].join(' '));
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exit(1);
});
