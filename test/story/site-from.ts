/**
 * Site data rebuilt from (possibly edited) raw datasets of the fixed fixture
 * (test/fixtures/site-data.json), as the pipeline would derive them: how the story tests plant a
 * change in the data and watch a claim or a sentence respond. One helper for claims.test.ts and
 * findings.test.ts, which had a copy each.
 */
import type { SiteData } from '../../src/charts/types.ts';
import type { RawDatasets } from '../../src/pipeline/datasets.ts';
import { derive, headlines } from '../../src/pipeline/derive/index.ts';
import { loadFixture } from '../charts/fixture.ts';

export function siteFrom(edit: (raw: RawDatasets) => void = () => {}): SiteData {
  const fixture = loadFixture();
  const raw = structuredClone(fixture.datasets);
  edit(raw);
  const d = derive(raw);
  return { ...fixture, datasets: raw, derived: { ...d, headlines: headlines(d) } };
}
