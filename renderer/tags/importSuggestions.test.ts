import { describe, expect, it } from 'vitest';
import { importSuggestions } from './knownServices';

describe('importSuggestions', () => {
  it('puts the last service first, once, then the known ones in their order', () => {
    expect(importSuggestions('checkout', ['api', 'checkout', 'web'])).toEqual(['checkout', 'api', 'web']);
    expect(importSuggestions('payments', ['api', 'web'])).toEqual(['payments', 'api', 'web']);
  });
  it('without a last service suggests the known ones only', () => {
    expect(importSuggestions('', ['api', 'web'])).toEqual(['api', 'web']);
    expect(importSuggestions('', [])).toEqual([]);
  });
});
