import { describe, expect, it } from 'vitest';
import { isOwnCode } from './own-code';

describe('isOwnCode', () => {
  it("tells a Go program's own functions from the runtime, the standard library and golang.org/x", () => {
    expect(isOwnCode('main.handleCheckout', '/src/app/main.go')).toBe(true);
    expect(isOwnCode('github.com/acme/shop/cart.(*Cart).Add', '/src/cart/cart.go')).toBe(true);
    expect(isOwnCode('shop/internal/pricing.Total', '/src/internal/pricing/p.go')).toBe(true);
    expect(isOwnCode('crypto/sha256.block', '/usr/lib/go/src/crypto/sha256/sha256block_amd64.s')).toBe(false);
    expect(isOwnCode('net/http.(*conn).serve', '/usr/lib/go/src/net/http/server.go')).toBe(false);
    expect(isOwnCode('runtime.mallocgc', '/usr/lib/go/src/runtime/malloc.go')).toBe(false);
    expect(isOwnCode('golang.org/x/net/http2.(*Framer).ReadFrame', '/m/frame.go')).toBe(false);
    expect(isOwnCode('runtime.gcBgMarkWorker', '')).toBe(false);
  });

  it('leaves out packages the user marks as not theirs, by prefix', () => {
    expect(isOwnCode('github.com/gin-gonic/gin.(*Engine).ServeHTTP', '/m/gin.go')).toBe(true);
    expect(isOwnCode('github.com/gin-gonic/gin.(*Engine).ServeHTTP', '/m/gin.go', ['github.com/gin-gonic'])).toBe(
      false,
    );
  });

  it('knows the JVM, Node, Python and native runtimes', () => {
    expect(isOwnCode('com.acme.Checkout.total', 'com.acme.Checkout')).toBe(true);
    expect(isOwnCode('java.util.HashMap.resize', 'java.util.HashMap')).toBe(false);
    expect(isOwnCode('render', 'file:///srv/app/src/render.js')).toBe(true);
    expect(isOwnCode('handle', 'file:///srv/app/node_modules/express/lib/router/index.js')).toBe(false);
    expect(isOwnCode('readFileSync', 'node:fs')).toBe(false);
    expect(isOwnCode('parse', '/usr/lib/python3.11/json/decoder.py')).toBe(false);
    expect(isOwnCode('score', '/srv/app/ranking/score.py')).toBe(true);
    expect(isOwnCode('memcpy', '/usr/lib/x86_64-linux-gnu/libc.so.6')).toBe(false);
    expect(isOwnCode('(garbage collector)', '')).toBe(false);
  });

  it("takes a JVM class of the unnamed package for the program's own, but not an allocated class or a bare name", () => {
    // JFR names the class as the file; a source-launched program's class has no package.
    expect(isOwnCode('JvmPhase.render', 'JvmPhase')).toBe(true);
    expect(isOwnCode('Main.run', 'Main.java')).toBe(true);
    expect(isOwnCode('byte[]', '')).toBe(false);
    expect(isOwnCode('Main.run', '')).toBe(false);
    expect(isOwnCode('(program)', '')).toBe(false);
  });
});
