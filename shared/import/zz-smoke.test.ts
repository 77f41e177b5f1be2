import { readdirSync } from 'node:fs';
import { test } from 'vitest';
import { importFixture } from '../../test/fixtures/load-fixture';
import { checkProfile } from '../../shared/profile/invariants';
import { sampleTotals } from '../../shared/profile/model';
test('smoke', () => {
  for (const dir of ['pprof', 'cpuprofile', 'collapsed', 'other']) {
    for (const f of readdirSync(`/work/main/test/fixtures/${dir}`)) {
      try {
        const t = Date.now();
        const p = importFixture(`${dir}/${f}`);
        console.log(dir, f, p.format, p.kind, JSON.stringify(p.sampleTypes.map((t) => t.type)), sampleTotals(p), p.samples.stack.length, 'stacks', p.stacks.frame.length, 'inv', checkProfile(p).slice(0, 3), Date.now() - t, 'ms', p.comments);
      } catch (e) {
        console.log(dir, f, 'ERROR', (e as Error).name, (e as Error).message);
      }
    }
  }
});
