import { describe, expect, it } from 'vitest';
import { FileHandleError, FileHandleRegistry, MAX_PENDING_HANDLES, randomFileHandle } from './file-handles';

describe('randomFileHandle', () => {
  it('gives 128 random bits as 22 base64url characters, never the same twice', () => {
    const handles = Array.from({ length: 10_000 }, randomFileHandle);
    for (const handle of handles.slice(0, 100)) expect(handle).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(new Set(handles).size).toBe(handles.length);
    // Unguessable: the bits are spread, not a counter (each position takes many values over the sample).
    for (let i = 0; i < 21; i++) expect(new Set(handles.map((h) => h[i])).size).toBeGreaterThan(50);
  });
});

describe('FileHandleRegistry', () => {
  it('hands out a handle and the base name for a path, and gives the path back once', () => {
    const registry = new FileHandleRegistry();
    const chosen = registry.register(7, '/home/me/profiles/cpu.pb.gz');
    expect(chosen.name).toBe('cpu.pb.gz');
    expect(chosen.handle).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(chosen.handle).not.toContain('cpu');
    expect(registry.take(7, [chosen.handle])).toEqual(['/home/me/profiles/cpu.pb.gz']);
    // Single-use: the import consumed it.
    expect(() => registry.take(7, [chosen.handle])).toThrow(FileHandleError);
    expect(registry.size).toBe(0);
  });

  it('gives a new handle for each registration, even of the same path', () => {
    const registry = new FileHandleRegistry();
    const a = registry.register(7, '/tmp/a.pb');
    const b = registry.register(7, '/tmp/a.pb');
    expect(a.handle).not.toBe(b.handle);
    expect(registry.take(7, [b.handle, a.handle])).toEqual(['/tmp/a.pb', '/tmp/a.pb']);
  });

  it('refuses a handle never given out, and a path is no handle', () => {
    const registry = new FileHandleRegistry();
    registry.register(7, '/etc/hosts');
    expect(() => registry.take(7, ['AAAAAAAAAAAAAAAAAAAAAA'])).toThrow(/was not chosen in this window/);
    expect(() => registry.take(7, ['/etc/hosts'])).toThrow(FileHandleError);
    expect(() => registry.take(9, ['AAAAAAAAAAAAAAAAAAAAAA'])).toThrow(FileHandleError);
  });

  it("refuses another window's handle, and leaves it usable by its own window", () => {
    const registry = new FileHandleRegistry();
    const chosen = registry.register(7, '/tmp/mine.pb');
    expect(() => registry.take(8, [chosen.handle])).toThrow(/file 1 of 1 was not chosen in this window/);
    expect(registry.take(7, [chosen.handle])).toEqual(['/tmp/mine.pb']);
  });

  it('consumes nothing when one handle of a batch is bad, or given twice', () => {
    const registry = new FileHandleRegistry();
    const good = registry.register(7, '/tmp/good.pb');
    expect(() => registry.take(7, [good.handle, 'BBBBBBBBBBBBBBBBBBBBBB'])).toThrow(/file 2 of 2/);
    expect(() => registry.take(7, [good.handle, good.handle])).toThrow(/given twice/);
    expect(registry.take(7, [good.handle])).toEqual(['/tmp/good.pb']);
  });

  it("forgets a window's handles when it closes", () => {
    const registry = new FileHandleRegistry();
    const chosen = registry.register(7, '/tmp/a.pb');
    registry.register(8, '/tmp/b.pb');
    registry.forget(7);
    expect(() => registry.take(7, [chosen.handle])).toThrow(FileHandleError);
    expect(registry.size).toBe(1);
  });

  it('draws again on a (forced) collision instead of reusing a handle', () => {
    const draws = ['X'.repeat(22), 'X'.repeat(22), 'Y'.repeat(22)];
    const registry = new FileHandleRegistry(() => draws.shift() ?? 'Z'.repeat(22));
    expect(registry.register(7, '/a').handle).toBe('X'.repeat(22));
    expect(registry.register(8, '/b').handle).toBe('Y'.repeat(22));
    expect(registry.take(8, ['Y'.repeat(22)])).toEqual(['/b']);
  });

  it('bounds the handles a window may hold unused', () => {
    let n = 0;
    const registry = new FileHandleRegistry(() => String(n++).padStart(22, '0'));
    for (let i = 0; i < MAX_PENDING_HANDLES; i++) registry.register(7, `/tmp/${i}`);
    expect(() => registry.register(7, '/tmp/one-more')).toThrow(/too many files waiting/);
    expect(registry.register(8, '/tmp/other-window').name).toBe('other-window');
  });
});
