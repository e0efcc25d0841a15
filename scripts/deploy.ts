// npm run deploy [-- --dry-run] [--dir dist]: uploads a built site to Cloudflare Pages with
// wrangler (token and account from CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID, the project
// from CF_PAGES_PROJECT). The daily workflow runs it only when npm run update published.
// Before any upload, the folder is served under the host's local runtime and its pages must come
// back with their Content-Security-Policy (the runtime read _headers); --dry-run stops there and
// prints the command it would run, needing no token (CI runs it: test/publish/deploy-host.test.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { deployPlan, startHost } from '../src/publish/site/host.ts';

const { values } = parseArgs({
  options: {
    'dry-run': { type: 'boolean', default: false },
    dir: { type: 'string', default: 'dist' },
  },
});
const dir = values.dir;
const dryRun = values['dry-run'];
const fail = (msg: string): never => {
  console.error(`npm run deploy: ${msg}\nNothing was deployed.`);
  process.exit(2);
};

if (!existsSync(join(dir, 'index.html')) || !existsSync(join(dir, '_headers')))
  fail(`${dir} has no built site (index.html and _headers): run npm run build:deploy first.`);
const canonical =
  /<link rel="?canonical"? href="?([^"\s>]+)/.exec(
    readFileSync(join(dir, 'index.html'), 'utf8'),
  )?.[1] ?? '';
const plan = deployPlan(dir, process.env, canonical, dryRun);
if (plan.problems.length > 0) fail(plan.problems.join('; '));

// The local preview: the host's runtime must read our headers and serve each page with its policy.
const host = await startHost(dir, { basePath: process.env.BASE_PATH });
try {
  for (const path of ['', 'methodology/']) {
    const r = await fetch(new URL(path, host.url));
    await r.arrayBuffer();
    if (r.status !== 200 || !r.headers.get('content-security-policy'))
      fail(
        `the local preview served /${path} with status ${r.status} and no Content-Security-Policy.`,
      );
  }
  const rules = /Parsed (\d+) valid header rules/.exec(host.log())?.[1];
  console.log(
    `Local preview (wrangler pages dev): ${rules ?? '?'} header rules read; pages served with their policy.`,
  );
} finally {
  await host.close();
}

const shown = `wrangler ${plan.args.join(' ')}`;
if (dryRun) {
  console.log(`Dry run: would run ${shown}\nNothing was deployed.`);
  process.exit(0);
}
console.log(`Running ${shown}`);
const wrangler = fileURLToPath(
  new URL('../node_modules/wrangler/bin/wrangler.js', import.meta.url),
);
const run = spawnSync(process.execPath, [wrangler, ...plan.args], {
  stdio: 'inherit',
  env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
});
process.exit(run.status ?? 1);
