import { describe, expect, it } from 'vitest';
import { encodePprof, type SyntheticPprof } from '../../../test/fixtures/synthetic-pprof';
import { DEFAULT_IMPORT_LIMITS } from '../limits';
import { importPprof } from './pprof';

const spec = (mappings: SyntheticPprof['mappings'], comments: string[] = []): SyntheticPprof => ({
  sampleTypes: [['samples', 'count']],
  functions: ['main'],
  locations: [{ lines: [1], mappingId: mappings?.[0]?.id ?? 0 }],
  mappings,
  samples: [{ locations: [1], values: [1] }],
  comments,
  timeNanos: 1_700_000_000_123_456_789n,
  durationNanos: 2_500_000_000,
});

describe('what a pprof says about its capture', () => {
  it('names the service after the main binary (the first mapping) and labels its build id and key=value comments', () => {
    const profile = importPprof(
      encodePprof(
        spec(
          [
            { id: 1, filename: '/srv/app/bin/checkout', buildId: 'f00dfeed' },
            { id: 2, filename: '/lib/x86_64-linux-gnu/libc.so.6', buildId: 'libc' },
          ],
          ['version=1.4.2', 'a note'],
        ),
      ),
      DEFAULT_IMPORT_LIMITS,
    );
    expect(profile.capture).toEqual({ service: 'checkout', labels: { version: '1.4.2', build_id: 'f00dfeed' } });
    expect(profile.startTimeMs).toBe(1_700_000_000_123.4568);
    expect(profile.durationNs).toBe(2.5e9);
  });

  it('names no service without mappings or for a pseudo-mapping like [vdso]', () => {
    expect(importPprof(encodePprof(spec(undefined)), DEFAULT_IMPORT_LIMITS).capture).toEqual({
      service: null,
      labels: {},
    });
    const vdso = importPprof(encodePprof(spec([{ id: 1, filename: '[vdso]' }])), DEFAULT_IMPORT_LIMITS);
    expect(vdso.capture?.service).toBeNull();
  });
});
