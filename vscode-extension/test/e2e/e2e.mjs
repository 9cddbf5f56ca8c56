// End-to-end test of the extension in a real VS Code (code-server) driven through Debian's
// Chromium with playwright-core. Asserts what a user sees, per docs/lsp-contract.md:
//   - the extension's status bar item (the extension activated for a Go file);
//   - a code lens titled "Verify" on a function;
//   - an Armada diagnostic in the Problems panel (source `armada`, Goose's interface rejection);
//   - status lenses with the verification results, a failed postcondition in the Problems panel;
//   - a hover with the function's obligations;
//   - while editing: a form feed above an edit leaves the diagnostics right, a broken
//     annotation on one function leaves the other verified, and the hover over a seeded
//     bug's line shows the counterexample per address (screenshots in images/e2e-*.png).
// A second session points armada.serverPath at nothing and checks the error and its button.
// Saves test/e2e/screenshot.png (screenshot-failure-<session>.png when something fails).
//
// Usage: node test/e2e/e2e.mjs --code-server ENTRY.js --vsix FILE.vsix --server ARMADA_LS
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..', '..');
const IMAGES = path.resolve(HERE, '..', '..', 'images');
const CHROMIUM = process.env.ARMADA_E2E_CHROMIUM || '/usr/bin/chromium';
const STEP_TIMEOUT_MS = Number(process.env.ARMADA_E2E_TIMEOUT_MS || 90000);
const KEEP = process.env.ARMADA_E2E_KEEP === '1';

function arg(name) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0 || i + 1 >= process.argv.length) {
    throw new Error(`missing --${name}`);
  }
  return path.resolve(process.argv[i + 1]);
}

const codeServer = arg('code-server');
const vsix = arg('vsix');
const server = arg('server');

const results = [];
let passed = 0;
let failed = 0;
const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
const log = (msg) => console.log(`[e2e ${elapsed()}] ${msg}`);

/** Runs one named check; a failure is recorded and the run goes on to the next check. */
async function check(name, fn) {
  try {
    const detail = await fn();
    passed++;
    results.push(`ok - ${name}${detail ? `: ${detail}` : ''}`);
    log(`ok - ${name}${detail ? `: ${detail}` : ''}`);
  } catch (error) {
    failed++;
    const msg = String(error?.message ?? error).split('\n')[0];
    results.push(`not ok - ${name}: ${msg}`);
    log(`not ok - ${name}: ${msg}`);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.status < 500) {
        return;
      }
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      throw new Error(`code-server did not answer at ${url} within ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

// ---- the workspace ---------------------------------------------------------------------------

const COUNTER_GO = `// Package counter is the workspace of the Armada extension's end-to-end test.
package counter

// Double returns twice x.
//
//@ requires x < 1000
//@ ensures ret == 2 * x
func Double(x uint64) uint64 {
	return x + x
}

// Triple should return three times x but adds x only twice: Armada finds the bug.
//
//@ requires x < 1000
//@ ensures ret == 3 * x
func Triple(x uint64) uint64 {
	return x + x
}
`;

/** A package of its own, so that its front-end error leaves counter verifiable. */
const SHAPES_GO = `// Package shapes uses an interface type, which Goose rejects: Armada reports it.
package shapes

// Shape is an interface type.
type Shape interface {
	Area() uint64
}

// TotalArea calls through the interface.
func TotalArea(a, b Shape) uint64 {
	return a.Area() + b.Area()
}
`;

/** User settings for every session: a quiet workbench. */
const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'git.enabled': false,
  'editor.codeLens': true,
  'editor.hover.delay': 200,
  'editor.hover.above': false, // keep the annotation above the function visible
  'editor.minimap.enabled': false,
  'window.zoomLevel': 0,
};

function makeDirs() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'armada-e2e-'));
  const dirs = {
    root,
    extensions: path.join(root, 'extensions'),
    xdgData: path.join(root, 'xdg-data'),
    workspace: path.join(root, 'counter'),
  };
  for (const d of Object.values(dirs)) {
    fs.mkdirSync(d, { recursive: true });
  }
  fs.writeFileSync(path.join(dirs.workspace, 'go.mod'), 'module example.com/counter\n\ngo 1.22\n');
  fs.writeFileSync(path.join(dirs.workspace, 'counter.go'), COUNTER_GO);
  fs.mkdirSync(path.join(dirs.workspace, 'shapes'));
  fs.writeFileSync(path.join(dirs.workspace, 'shapes', 'shapes.go'), SHAPES_GO);
  // A seeded bug of the replicated disk: Write's first disk write lacks `helping`.
  fs.cpSync(path.join(REPO, 'proofs', 'repldisk', 'testdata', 'bugs', 'helping-missing'), path.join(dirs.workspace, 'repldisk'), { recursive: true });
  return dirs;
}

function codeServerEnv(dirs) {
  return { ...process.env, XDG_DATA_HOME: dirs.xdgData, XDG_CONFIG_HOME: path.join(dirs.root, 'xdg-config') };
}

function installExtension(dirs) {
  const r = spawnSync(
    process.execPath,
    [codeServer, '--user-data-dir', path.join(dirs.root, 'user-data-install'), '--extensions-dir', dirs.extensions, '--install-extension', vsix],
    { env: codeServerEnv(dirs), encoding: 'utf8', timeout: 120000 },
  );
  if (r.status !== 0) {
    throw new Error(`installing ${vsix} failed (${r.status}): ${r.stdout}\n${r.stderr}`);
  }
  return (r.stdout + r.stderr).trim().split('\n').pop();
}

/** The extension's log (its output channel) and the extension host's, the last `tail` lines of each. */
function armadaLogs(userData, tail = 0, names = ['Armada.log', 'remoteexthost.log']) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        walk(p);
      } else if (names.includes(e.name)) {
        const text = fs.readFileSync(p, 'utf8');
        out.push(`--- ${p}\n${tail ? text.split('\n').slice(-tail).join('\n') : text}`);
      }
    }
  };
  try {
    walk(userData);
  } catch {
    // no logs
  }
  return out.join('\n');
}

// ---- the run ---------------------------------------------------------------------------------

/**
 * Starts code-server with the extension and `settings` on a fresh user-data dir, loads the
 * workbench in Chromium and hands `fn` the page, the editor and a function that opens a file. Failures of `fn` are recorded by
 * `check`; a failure of the harness itself is recorded here. `failureShot` names the
 * screenshot taken when the harness fails.
 */
async function withCodeServer(label, dirs, settings, fn) {
  const only = process.env.ARMADA_E2E_SESSIONS; // e.g. "no-server,dying-server", to debug one
  if (only && !only.split(',').includes(label)) {
    return;
  }
  const userData = path.join(dirs.root, `user-data-${label}`);
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({ ...BASE_SETTINGS, ...settings }, null, 2));
  const port = await freePort();
  const cs = spawn(
    process.execPath,
    [
      codeServer,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--user-data-dir', userData,
      '--extensions-dir', dirs.extensions,
      dirs.workspace,
    ],
    { env: codeServerEnv(dirs), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let csOutput = '';
  cs.stdout.on('data', (d) => (csOutput += d));
  cs.stderr.on('data', (d) => (csOutput += d));
  const failedBefore = failed;

  let browser;
  let page;
  try {
    const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(dirs.workspace)}`;
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, 30000);
    log(`[${label}] code-server up on port ${port}`);

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
    });
    const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
    page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor();
    log(`[${label}] workbench loaded`);

    await page.locator('.monaco-workbench .part.editor').waitFor();
    const editor = page.locator('.editor-instance .monaco-editor').first();
    /** Opens a file through quick open, waiting for it to be listed rather than sleeping. */
    const open = async (name, lineText) => {
      await page.keyboard.press('Control+P');
      const quickInput = page.locator('.quick-input-widget input');
      await quickInput.waitFor();
      await quickInput.fill(name);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
      await page.keyboard.press('Enter');
      await page.locator('.tab.active', { hasText: name }).waitFor();
      await editor.locator('.view-line', { hasText: lineText }).waitFor();
      log(`[${label}] ${name} open`);
    };
    await fn(page, editor, open, userData);
  } catch (error) {
    failed++;
    results.push(`not ok - ${label}: harness: ${String(error?.message ?? error).split('\n')[0]}`);
    log(`[${label}] harness error: ${error?.stack ?? error}`);
  } finally {
    if (failed > failedBefore) {
      if (page) {
        const shot = path.join(HERE, `screenshot-failure-${label}.png`);
        await page.screenshot({ path: shot }).catch(() => undefined);
        log(`[${label}] failure screenshot saved to ${shot}`);
      }
      console.log(`--- [${label}] code-server output (tail)`);
      console.log(csOutput.split('\n').slice(-30).join('\n'));
      console.log(`--- [${label}] Armada logs`);
      console.log(armadaLogs(userData, 60) || '(none found)');
    }
    await browser?.close().catch(() => undefined);
    cs.kill('SIGTERM');
  }
}

async function main() {
  const dirs = makeDirs();
  log(`workspace ${dirs.workspace}`);
  log(installExtension(dirs));

  // 1. The real server: what a user sees on an annotated file.
  await withCodeServer('server', dirs, { 'armada.serverPath': server }, async (page, editor, open, userData) => {
    await open('shapes.go', 'type Shape interface');
    await check('the Problems panel shows the Armada diagnostic', async () => {
      await page.keyboard.press('Control+Shift+M');
      const panel = page.locator('.markers-panel');
      await panel.waitFor();
      // The contract's stable code, shown by VS Code as source(code): armada(goose/interface).
      const row = panel.locator('.monaco-list-row', { hasText: /goose\/interface/ }).first();
      await row.waitFor();
      const text = (await row.innerText()).replace(/\s+/g, ' ').trim();
      if (!/armada/.test(text)) {
        throw new Error(`the diagnostic's source is not armada: ${text}`);
      }
      return JSON.stringify(text);
    });

    await open('counter.go', 'func Double');
    await check('the //@ annotation is highlighted by the injection grammar', async () => {
      // Monaco gives each token a colour class (mtkN). Plain comment text is one token; the
      // injection grammar splits the annotation into tokens coloured differently.
      const commentSpan = editor.locator('.view-line', { hasText: 'Double returns twice' }).locator('span > span').first();
      const keyword = editor
        .locator('.view-line', { hasText: '//@ requires' })
        .locator('span > span', { hasText: /^requires$/ })
        .first();
      await keyword.waitFor();
      const commentClass = await commentSpan.getAttribute('class');
      const keywordClass = await keyword.getAttribute('class');
      if (commentClass === keywordClass) {
        throw new Error(`"requires" has the comment's colour class ${commentClass}`);
      }
      return `comment ${commentClass}, keyword ${keywordClass}`;
    });

    await check('a code lens titled Verify is rendered', async () => {
      const lens = editor.locator('.codelens-decoration a', { hasText: /^Verify$/ }).first();
      await lens.waitFor();
      const all = (await editor.locator('.codelens-decoration').allInnerTexts()).map((t) => t.trim());
      return JSON.stringify(all);
    });

    await check('the status code lens shows the verification results', async () => {
      const proved = editor.locator('.codelens-decoration', { hasText: /✓ verified/ }).first();
      const failedLens = editor.locator('.codelens-decoration', { hasText: /✗ \d+ failed/ }).first();
      await proved.waitFor();
      await failedLens.waitFor();
      const all = (await editor.locator('.codelens-decoration').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
      return JSON.stringify(all);
    });

    await check('the failed postcondition of Triple is in the Problems panel', async () => {
      const row = page.locator('.markers-panel .monaco-list-row', { hasText: /verify\/postcondition/ }).first();
      await row.waitFor();
      return JSON.stringify((await row.innerText()).replace(/\s+/g, ' ').trim());
    });

    await check('the Armada status bar item shows a running server', async () => {
      // The extension's own item: starts as "Armada: starting", then follows armada/status.
      const item = page
        .locator('.statusbar-item', { hasText: /Armada/ })
        .filter({ hasNotText: /starting|server down|not found/ })
        .first();
      await item.waitFor();
      return JSON.stringify((await item.innerText()).trim());
    });

    await check('hovering the annotated function shows Armada content', async () => {
      const nameToken = editor
        .locator('.view-line', { hasText: 'func Double' })
        .locator('span > span', { hasText: /^Double$/ })
        .first();
      await nameToken.waitFor();
      // The contract: a function's hover gives its obligations with their status and time
      // (the status lens above says Double has been verified).
      const hover = page
        .locator('.monaco-hover:not(.hidden)', { hasText: /\bDouble\b/ })
        .filter({ hasText: /obligation/i })
        .first();
      // A hover can be dismissed by the panel taking focus: hover again until it shows.
      const deadline = Date.now() + STEP_TIMEOUT_MS;
      for (;;) {
        await page.mouse.move(5, 5);
        await nameToken.hover();
        try {
          await hover.waitFor({ timeout: 5000 });
          break;
        } catch (error) {
          if (Date.now() > deadline) {
            throw error;
          }
        }
      }
      await page.waitForTimeout(600); // let the hover finish fading in before the screenshot
      return JSON.stringify((await hover.innerText()).replace(/\s+/g, ' ').trim().slice(0, 200));
    });
    if (process.env.ARMADA_E2E_ZOOM === '1') {
      const box = await editor.boundingBox();
      await page.screenshot({ path: path.join(HERE, 'screenshot-editor.png'), clip: { x: box.x, y: box.y, width: 700, height: 460 } });
    }
    if (!failed) {
      await page.screenshot({ path: path.join(HERE, 'screenshot.png') });
      log(`screenshot saved to ${path.join(HERE, 'screenshot.png')}`);
    }

    /** Runs a command from the command palette by its title. */
    const runCommand = async (title) => {
      await page.keyboard.press('Control+Shift+P');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor();
      await input.fill(`>${title}`);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
      await page.keyboard.press('Enter');
    };

    await check('Verify Function at Cursor verifies the function around the cursor', async () => {
      await editor.locator('.view-line', { hasText: 'return x + x' }).first().click();
      await runCommand('Armada: Verify Function at Cursor');
      const toast = page.locator('.notification-toast', { hasText: 'Armada: Double' }).first();
      await toast.waitFor();
      return JSON.stringify((await toast.innerText()).replace(/\s+/g, ' ').trim().slice(0, 160));
    });

    await check('Explore Function at Cursor reports the explorer outcome', async () => {
      await editor.locator('.view-line', { hasText: 'return x + x' }).first().click();
      await runCommand('Armada: Explore Function at Cursor');
      const toast = page.locator('.notification-toast', { hasText: 'Armada explore:' }).first();
      await toast.waitFor();
      return JSON.stringify((await toast.innerText()).replace(/\s+/g, ' ').trim().slice(0, 160));
    });

    await check('Show Goose Model opens the model in a read-only editor', async () => {
      await editor.locator('.view-line', { hasText: 'return x + x' }).first().click();
      await runCommand('Armada: Show Goose Model');
      await page.locator('.tab', { hasText: 'counter.go.model' }).first().waitFor();
      const model = page.locator('.editor-instance .monaco-editor', { has: page.locator('.view-line') }).last();
      const text = (await model.locator('.view-lines').innerText()).trim();
      if (!text) {
        throw new Error('the model editor is empty');
      }
      // Typing into a read-only editor changes nothing (VS Code says it cannot edit).
      await model.locator('.view-line').first().click();
      await page.keyboard.type('XYZZY');
      await page.waitForTimeout(300);
      if ((await model.locator('.view-lines').innerText()).includes('XYZZY')) {
        throw new Error('the model editor accepted typing');
      }
      return JSON.stringify(text.split('\n')[0].slice(0, 120));
    });

    await check('Restart Language Server brings the server back', async () => {
      const starts = () => (armadaLogs(userData, 0, ['Armada.log']).match(/\] starting .* --stdio/g) ?? []).length;
      const before = starts();
      await page.keyboard.press('Escape');
      await runCommand('Armada: Restart Language Server');
      // A second server process is started (the extension's log says so) ...
      const deadline = Date.now() + STEP_TIMEOUT_MS;
      while (starts() <= before) {
        if (Date.now() > deadline) {
          throw new Error(`no new server started (${before} starts logged)`);
        }
        await page.waitForTimeout(200);
      }
      // ... and it runs and answers: the status bar is back, and the file's lenses with it.
      const item = page.locator('.statusbar-item', { hasText: /Armada/ }).filter({ hasNotText: /starting|server down|not found/ }).first();
      await item.waitFor();
      await editor.locator('.codelens-decoration', { hasText: /✗ \d+ failed/ }).first().waitFor();
      return `${starts()} server starts logged; status ${JSON.stringify((await item.innerText()).trim())}`;
    });
  });

  // 2. Editing: the server's text stays the editor's (a form feed is not a line break in
  // LSP), an annotation error stays in its function, and a failing statement's hover shows
  // the counterexample as a table. Screenshots of each go to images/e2e-*.png.
  const editing = { 'armada.serverPath': server, 'editor.autoClosingBrackets': 'never', 'editor.autoClosingQuotes': 'never' };
  await withCodeServer('editing', dirs, editing, async (page, editor, open) => {
    const shot = async (name) => {
      fs.mkdirSync(IMAGES, { recursive: true });
      await page.waitForTimeout(400);
      await page.screenshot({ path: path.join(IMAGES, name) });
      return path.join('images', name);
    };
    const hoverUntil = async (token, hover) => {
      const deadline = Date.now() + STEP_TIMEOUT_MS;
      for (;;) {
        await page.mouse.move(5, 5);
        await token.hover();
        try {
          await hover.waitFor({ timeout: 5000 });
          return;
        } catch (error) {
          if (Date.now() > deadline) {
            throw error;
          }
        }
      }
    };

    const gotoLine = async (n) => {
      await page.keyboard.press('Control+G');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor();
      await input.fill(`:${n}`);
      await page.keyboard.press('Enter');
    };
    await open("helpingmissing.go", /^package\s+helpingmissing\s*$/);
    await check('hovering the seeded bug line shows the counterexample per address', async () => {
      const bugFile = fs.readFileSync(path.join(dirs.workspace, 'repldisk', 'helpingmissing.go'), 'utf8').split('\n');
      await gotoLine(bugFile.findIndex((l) => l.includes('BUG: no helping annotation')) + 1);
      await editor.locator('.codelens-decoration', { hasText: /✗ \d+ failed/ }).first().waitFor();
      const line = editor.locator('.view-line', { hasText: 'BUG: no helping annotation' }).first();
      await line.waitFor();
      const token = line.locator('span > span', { hasText: /^Write$/ }).first();
      const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: /abstraction relation/ }).first();
      await hoverUntil(token, hover);
      const table = hover.locator('table', { hasText: /disk 1/ }).first();
      await table.waitFor();
      const rows = (await table.innerText()).replace(/[ \t]+/g, ' ').trim();
      if (!/address/.test(rows) || !/disk 2/.test(rows) || !/spec Disk\.blocks/.test(rows)) {
        throw new Error(`the table lacks its columns: ${JSON.stringify(rows)}`);
      }
      await table.scrollIntoViewIfNeeded(); // the hover scrolls: show the table, not the problem above it
      await page.waitForTimeout(600);
      return `${JSON.stringify(rows.split('\n').join(' / '))}; ${await shot('e2e-hover-table.png')}`;
    });
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');

    await open('counter.go', 'func Double');
    await editor.locator('.codelens-decoration', { hasText: /✓ verified/ }).first().waitFor();
    await check('a form feed above an edit keeps the diagnostics right', async () => {
      // A line `// <form feed>` below the package clause, then ` // ok` typed at the end of
      // Triple's signature: Python would see an extra line break and shift the edit.
      await editor.locator('.view-line', { hasText: 'package counter' }).first().click();
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.keyboard.insertText('// \f');
      await editor.locator('.view-line', { hasText: 'func Triple' }).first().click();
      await page.keyboard.press('End');
      await page.keyboard.type(' // ok', { delay: 30 });
      await page.keyboard.press('Control+Shift+M');
      const panel = page.locator('.markers-panel');
      await panel.waitFor();
      // the failure of Triple is still reported, on Triple's return, and nothing else is
      const row = panel.locator('.monaco-list-row', { hasText: /verify\/postcondition/ }).first();
      await row.waitFor();
      await editor.locator('.codelens-decoration', { hasText: /✓ verified/ }).first().waitFor();
      await page.waitForTimeout(1500); // diagnostics of the last keystroke are in
      const texts = (await panel.locator('.monaco-list-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
      const wrong = texts.filter((t) => /syntax|goose\/|annot\//.test(t));
      if (wrong.length) {
        throw new Error(`bogus diagnostics after the form feed: ${JSON.stringify(wrong)}`);
      }
      const text = (await editor.locator('.view-line', { hasText: 'func Triple' }).first().innerText()).replace(/\s+/g, ' ');
      if (!text.includes('{ // ok')) {
        throw new Error(`the edit landed elsewhere: ${JSON.stringify(text)}`);
      }
      return `${JSON.stringify(texts)}; ${await shot('e2e-formfeed.png')}`;
    });

    await check('a broken annotation on one function leaves the other verified', async () => {
      await editor.locator('.view-line', { hasText: 'ensures ret == 3 * x' }).first().click();
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('//@ requires (((', { delay: 30 });
      const broken = editor.locator('.codelens-decoration', { hasText: /fix the errors first/ }).first();
      await broken.waitFor();
      await page.waitForTimeout(1500);
      const lenses = (await editor.locator('.codelens-decoration').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
      const statuses = lenses.filter((t) => /verified|failed|fix the errors/.test(t));
      if (statuses.filter((t) => /fix the errors first/.test(t)).length !== 1 || !statuses.some((t) => /✓ verified/.test(t))) {
        throw new Error(`expected Double verified and only Triple waiting: ${JSON.stringify(statuses)}`);
      }
      const row = page.locator('.markers-panel .monaco-list-row', { hasText: /annot\// }).first();
      await row.waitFor();
      return `${JSON.stringify(statuses)}; ${await shot('e2e-isolation.png')}`;
    });
  });

  // 3. No server: a clear error with a button that opens the setting.
  await withCodeServer('no-server', dirs, { 'armada.serverPath': path.join(dirs.root, 'no-such-armada-ls') }, async (page, editor, open) => {
    await open('counter.go', 'func Double');
    await check('a missing server is reported, with a button to open the setting', async () => {
      const toast = page.locator('.notification-toast', { hasText: /armada\.serverPath/ }).first();
      await toast.waitFor();
      const text = (await toast.innerText()).replace(/\s+/g, ' ').trim();
      await page.locator('.statusbar-item', { hasText: /Armada: server not found/ }).first().waitFor();
      await toast.getByRole('button', { name: 'Open Setting' }).click();
      await page.locator('.settings-editor .setting-item', { hasText: /Server Path/ }).first().waitFor();
      return JSON.stringify(text.slice(0, 160));
    });
  });

  // 4. A server that dies at once: said clearly, status bar down, restart offered.
  const dying = path.join(dirs.root, 'dying-armada-ls');
  fs.writeFileSync(dying, '#!/bin/sh\necho "armada-ls: simulated start-up failure" >&2\nexit 3\n', { mode: 0o755 });
  await withCodeServer('dying-server', dirs, { 'armada.serverPath': dying }, async (page, editor, open) => {
    await open('counter.go', 'func Double');
    await check('a server that dies is reported, with the status bar showing it down', async () => {
      const toast = page
        .locator('.notification-toast', { hasText: /Armada/ })
        .filter({ has: page.getByRole('button', { name: 'Restart Server' }) })
        .first();
      await toast.waitFor();
      const text = (await toast.innerText()).replace(/\s+/g, ' ').trim();
      await page.locator('.statusbar-item', { hasText: /Armada: server down/ }).first().waitFor();
      return JSON.stringify(text.slice(0, 200));
    });
  });

  if (!KEEP) {
    fs.rmSync(dirs.root, { recursive: true, force: true });
  } else {
    log(`kept ${dirs.root}`);
  }
  console.log(results.join('\n'));
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

await main();
