import { describe, expect, it } from 'vitest';
import { exactFunctionPattern } from './exact-function-pattern';
import { functionMatcher } from './function-pattern';
import { userPatternMatcher } from './user-pattern';

describe('exactFunctionPattern', () => {
  // Names from the corpus fixtures (cpu_1.pb.gz, node-leaky.cpuprofile) and worse.
  const names = [
    'runtime.mallocgc',
    'crypto/sha256.(*digest).Write',
    'RegExp: [A-Za-z_][A-Za-z0-9_]*|\\d+|\\S',
    'Module._extensions..js',
    '(anonymous)',
    'std::vector<int>::push_back',
    'a{2}^$+?-|',
    '日本語関数',
    '🦀::crab<\\u0041>',
  ];

  it('matches the name itself, whatever characters it holds', () => {
    for (const name of names) expect(functionMatcher(exactFunctionPattern(name))(name), name).toBe(true);
  });

  it('matches no other name: not a longer one, not a shorter one, not a regex reading of it', () => {
    for (const name of names) {
      const matches = functionMatcher(exactFunctionPattern(name));
      for (const other of names) if (other !== name) expect(matches(other), `${name} vs ${other}`).toBe(false);
      expect(matches(`${name}x`)).toBe(false);
      expect(matches(`x${name}`)).toBe(false);
    }
    expect(functionMatcher(exactFunctionPattern('runtime.mallocgc'))('runtimeXmallocgc')).toBe(false);
    expect(functionMatcher(exactFunctionPattern('a+'))('aa')).toBe(false);
  });

  it('is valid RE2 (not the substring fallback) and a valid JavaScript regex, also with the u flag, for every name', () => {
    for (const name of names) {
      expect(userPatternMatcher(exactFunctionPattern(name)), name).not.toBeNull();
      expect(() => new RegExp(exactFunctionPattern(name), 'i')).not.toThrow();
      expect(() => new RegExp(exactFunctionPattern(name), 'u')).not.toThrow();
    }
  });
});
