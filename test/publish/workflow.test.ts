/**
 * The scheduler's workflow (.github/workflows/update.yml) is not run here; this checks that its
 * steps are the commands the update tests run and that it acts on the outcomes and exit codes
 * npm run update really has.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_CACHE_DIR } from '../../src/publish/images/render-cache.ts';
import { EXIT_CODES } from '../../src/publish/update/index.ts';
import { ROOT } from './project.ts';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
const wf = parse(readFileSync(join(ROOT, '.github/workflows/update.yml'), 'utf8')) as {
  on: { schedule: Array<{ cron: string }>; workflow_dispatch: { inputs: Record<string, unknown> } };
  jobs: { update: { env: Record<string, string>; steps: Step[] } };
};
const job = wf.jobs.update;
const steps = job.steps;
const stepIf = (outcome: string) =>
  steps.filter((s) => s.if === `steps.update.outputs.outcome == '${outcome}'`);

describe('.github/workflows/update.yml', () => {
  it('runs daily, with the key from the secrets and a deployment address from the variables', () => {
    expect(wf.on.schedule[0]!.cron).toMatch(/^\d+ \d+ \* \* \*$/);
    expect(job.env.OPENROUTER_API_KEY).toBe('${{ secrets.OPENROUTER_API_KEY }}');
    expect(job.env.DEPLOY).toBe('1');
    expect(job.env.SITE_URL).toBe('${{ vars.SITE_URL }}');
    expect(Object.keys(wf.on.workflow_dispatch.inputs)).toEqual(['publish_held_run', 'by']);
  });

  it('runs the commands the tests run: npm ci, npm run update, npm run update -- --publish-held --by', () => {
    const runs = steps.map((s) => s.run ?? '');
    expect(runs.some((r) => /^npm ci\b/.test(r))).toBe(true);
    const update = steps.find((s) => s.name === 'npm run update')!;
    expect(update.run).toMatch(/^\s*npm run update$/m);
    expect(update.run).toContain('npm run update -- --publish-held --by "$BY"');
    expect(steps.find((s) => s.uses?.startsWith('actions/cache'))!.with!.path).toBe(
      DEFAULT_CACHE_DIR,
    );
  });

  it('lets exactly the published/no-change and held exit codes through, and acts on each outcome', () => {
    const update = steps.find((s) => s.name === 'npm run update')!.run!;
    expect(update).toContain(
      `if [ "$code" -ne ${EXIT_CODES.published} ] && [ "$code" -ne ${EXIT_CODES.held} ]; then exit "$code"; fi`,
    );
    expect(EXIT_CODES['no-change']).toBe(EXIT_CODES.published);
    expect(EXIT_CODES.failed).not.toBe(EXIT_CODES.held);
    const published = stepIf('published');
    expect(published.map((s) => s.name)).toEqual([
      'Commit the new data',
      'Keep the site',
      'Deploy to Cloudflare Pages',
    ]);
    expect(published[0]!.run).toContain('git add data');
    // The reference of placeholders (with current values) is rewritten from the new data and
    // committed with it, or the next npm test would find it out of date.
    expect(published[0]!.run).toMatch(
      /npm run docs\n[\s\S]*git add data src\/story\/REFERENCE\.md/,
    );
    // The deploy is real, runs only on 'published', with the token from the secrets.
    const deploy = published[2]!;
    expect(deploy.run).toBe('npm run deploy');
    expect(deploy.env).toEqual({
      CLOUDFLARE_API_TOKEN: '${{ secrets.CLOUDFLARE_API_TOKEN }}',
      CLOUDFLARE_ACCOUNT_ID: '${{ secrets.CLOUDFLARE_ACCOUNT_ID }}',
      CF_PAGES_PROJECT: '${{ vars.CF_PAGES_PROJECT }}',
    });
    // No other step deploys: nothing held, failed or unchanged reaches the host.
    const deploying = steps.filter((s) => /deploy|wrangler/.test(s.run ?? ''));
    expect(deploying).toEqual([deploy]);
    // The update step exits on a failure before any later step runs (no always() on deploy).
    expect(deploy.if).toBe("steps.update.outputs.outcome == 'published'");
    const held = stepIf('held');
    expect(held.map((s) => s.name)).toEqual([
      'Keep the held build',
      'Open an issue for the editor',
    ]);
    expect(held[0]!.with).toMatchObject({
      name: 'held-update',
      path: '.held/',
      'include-hidden-files': true,
    });
    expect(held[1]!.run).toContain('reports/update-report.txt');
    expect(steps.find((s) => s.name === 'Fetch the held build to publish')!.run).toContain(
      '--name held-update --dir .held',
    );
  });
});
