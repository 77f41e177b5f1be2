import { describe, expect, it } from 'vitest';
import { parseFileBytes } from '../../main/ingest/parse-bytes';
import type { Profile } from '../profile/model';
import { importFixture, readFixture } from '../../test/fixtures/load-fixture';
import { packageOf } from './package-of';

/** [name, file, package]: names and files exactly as Kiln's importers store them for these corpus files. */
type Case = [name: string, file: string, pkg: string];

function functionsOf(profile: Profile): { name: string; file: string }[] {
  return profile.functions.name.map((n, f) => ({
    name: profile.strings[n] as string,
    file: profile.strings[profile.functions.file[f] as number] as string,
  }));
}

describe('packageOf on names from the corpus', () => {
  it.each<Case>([
    // generated/go-service/cpu_1.pb.gz (Go 1.19 pprof)
    ['crypto/sha256.block', '/usr/lib/go-1.19/src/crypto/sha256/sha256block_amd64.s', 'crypto/sha256'],
    ['crypto/sha256.(*digest).Write', '/usr/lib/go-1.19/src/crypto/sha256/sha256.go', 'crypto/sha256'],
    [
      'runtime/internal/syscall.Syscall6',
      '/usr/lib/go-1.19/src/runtime/internal/syscall/asm_linux_amd64.s',
      'runtime/internal/syscall',
    ],
    ['encoding/json.(*decodeState).object', '/usr/lib/go-1.19/src/encoding/json/decode.go', 'encoding/json'],
    ['fmt.(*pp).doPrintf', '/usr/lib/go-1.19/src/fmt/print.go', 'fmt'],
    ['main.price', '/srv/kiln/src/generators/go-service/main.go', 'main'],
    ['runtime.mallocgc', '/usr/lib/go-1.19/src/runtime/malloc.go', 'runtime'],
    ['net/http.(*conn).serve', '/usr/lib/go-1.19/src/net/http/server.go', 'net/http'],
    // generated/java/java-churn.jfr (JFR: the class is stored as the file)
    [
      'jdk.internal.math.FloatingDecimal$BinaryToASCIIBuffer.dtoa',
      'jdk.internal.math.FloatingDecimal$BinaryToASCIIBuffer',
      'jdk.internal.math',
    ],
    ['java.util.regex.Pattern$GroupHead.match', 'java.util.regex.Pattern$GroupHead', 'java.util.regex'],
    ['java.lang.String.valueOf', 'java.lang.String', 'java.lang'],
    // public/pprof-legacy/pprof__java.cpu
    ['com.example.function06', 'source.java', 'com.example'],
    // generated/node/node-leaky.cpuprofile (V8 callFrame.url as the file)
    ['tokenize', 'file:///srv/kiln/src/generators/node/leaky.js', '/srv/kiln/src/generators/node'],
    ['Hash', 'node:internal/crypto/hash', 'node:internal'],
    ['writeHeapSnapshot', 'node:v8', 'node:v8'],
    ['(garbage collector)', '', ''],
    // public/v8-heapprofile/speedscope__node__10.11.0__Heap-20181003T105432.heapprofile
    ['', '/usr/app/node_modules/kareem/index.js', 'kareem'],
    ['', '/usr/app/node_modules/@pm2/io/build/main/src/features/actions.js', '@pm2/io'],
    ['', '/usr/app/node_modules/mongodb/node_modules/mongodb-core/lib/wireprotocol/2_4_support.js', 'mongodb-core'],
    // public/cpuprofile/speedscope__Chrome__65__sucrase.cpuprofile
    [
      'Object.keys.forEach',
      '/Users/alanpierce/code/sucrase/build/sucrase-babylon/tokenizer/state.js',
      '/Users/alanpierce/code/sucrase/build/sucrase-babylon/tokenizer',
    ],
    // public/firefox-gecko/fxprof__processed-1.json
    ['frobnicate', 'chrome://blargh', 'chrome://blargh'],
    ['Startup::XRE_Main', '', 'Startup'],
    // public/linux-perf/fxprof__simple-perf.txt.gz (C++ through perf script)
    [
      'mozilla::net::NeckoParent::AllocPHttpChannelParent(mozilla::dom::PBrowserOrId const&, IPC::SerializedLoadContext const&, mozilla::net::HttpChannelCreationArgs const&)',
      '/data/app/org.mozilla.geckoview_example-1/lib/arm/libxul.so',
      'mozilla',
    ],
    [
      'nsCOMPtr<nsIContentSecurityPolicy>::nsCOMPtr(nsCOMPtr_helper const&)',
      '/data/app/org.mozilla.geckoview_example-1/lib/arm/libxul.so',
      'nsCOMPtr',
    ],
    ['moz_xmalloc', '/data/app/org.mozilla.geckoview_example-1/lib/arm/libmozglue.so', 'libmozglue.so'],
    // public/linux-perf/fxprof__graphviz.perf.gz (C through perf script)
    ['FcStrBufChar', '/usr/lib/x86_64-linux-gnu/libfontconfig.so.1.12.0', 'libfontconfig.so'],
    ['__mpn_divrem', '/usr/lib/x86_64-linux-gnu/libc-2.31.so', 'libc-2.31.so'],
    ['[libcdt.so.5.0.0]', '/usr/lib/x86_64-linux-gnu/libcdt.so.5.0.0', 'libcdt.so'],
    ['__d_lookup_rcu', '[kernel.kallsyms]', '[kernel.kallsyms]'],
    // public/linux-perf/speedscope__linux-perf__rust-mangled.linux-perf.txt (Rust v0 symbols: the binary)
    [
      '_RNvCs8K9WJNlS7Dz_5trace17multiply_matrices',
      '/trace/target/debug/deps/trace-0f0e4af093fa4f97',
      'trace-0f0e4af093fa4f97',
    ],
    // public/collapsed/fxprof__flamegraph.txt (Rust legacy symbols, no files)
    ['core::ptr::_$LT$impl$u20$$BP$mut$u20$T$GT$::offset::h83331dc01d57b6ff', '', 'core'],
    ['_$LT$u8$u20$as$u20$core..clone..Clone$GT$::clone::h7bfab8630dda96cf', '', 'core'],
    ['je_arena_ralloc_no_move', '', ''],
    // public/pprof-legacy/pprof__cppbench.cpu (unsymbolized addresses in a binary)
    ['0x42ed43 [cppbench_server_main]', '', 'cppbench_server_main'],
    ['0x7f5e538b9a93 [libc-2.15.so]', '', 'libc-2.15.so'],
  ])('%s in %s → %s', (name, file, pkg) => {
    expect(packageOf(name, file)).toBe(pkg);
  });
});

describe('packageOf on names the corpus lacks', () => {
  // The corpus has no Python profile. These are the shapes py-spy writes: folded frames
  // `function (file:line)`, and files as pprof/speedscope output carries them.
  it.each<Case>([
    ['process_request (app/server.py:42)', '', 'app'],
    ['decode (/usr/lib/python3.11/json/decoder.py:337)', '', 'json'],
    ['get (/srv/venv/lib/python3.11/site-packages/requests/api.py:73)', '', 'requests'],
    ['ensure_binary', '/usr/lib/python3/dist-packages/six.py', 'six'],
    ['<module>', 'manage.py', 'manage'],
    // Go module paths, generics and closures
    ['gopkg.in/yaml.v2.(*parser).parse', '/go/pkg/mod/gopkg.in/yaml.v2@v2.4.0/parserc.go', 'gopkg.in/yaml.v2'],
    ['github.com/foo/bar.Baz.func1', '', 'github.com/foo/bar'],
    ['slices.SortFunc[go.shape.[]*net/http.Request]', '/usr/lib/go/src/slices/sort.go', 'slices'],
    ['main.main.func1', '', 'main'],
    // C++ and Rust trait impls
    ['std::vector<int, std::allocator<int> >::push_back(int const&)', '', 'std'],
    ['<alloc::vec::Vec<T> as core::ops::index::Index<I>>::index', '', 'alloc'],
    // JavaScript from a page
    ['render', 'https://cdn.example.com/static/js/app.js', 'https://cdn.example.com/static/js'],
    ['handle', 'file:///app/node_modules/express/lib/router/index.js', 'express'],
  ])('%s in %s → %s', (name, file, pkg) => {
    expect(packageOf(name, file)).toBe(pkg);
  });
});

describe('packageOf over whole profiles', () => {
  it("gives every Go standard-library function its source directory's import path", () => {
    // The file tells the import path independently of the name: /usr/lib/go-1.19/src/<path>/<file>.
    const stdlib = functionsOf(importFixture('pprof/cpu_1.pb.gz')).filter((f) =>
      f.file.startsWith('/usr/lib/go-1.19/src/'),
    );
    expect(stdlib.length).toBeGreaterThan(50);
    const linknamed: string[] = [];
    for (const { name, file } of stdlib) {
      const directory = file.slice('/usr/lib/go-1.19/src/'.length, file.lastIndexOf('/'));
      const pkg = packageOf(name, file);
      // Vendored packages are named by their vendored import path, without the vendor/ prefix.
      if (pkg !== directory.replace(/^vendor\//, '')) linknamed.push(`${pkg} ${name}`);
    }
    // The runtime implements a few functions of other packages (//go:linkname); their symbols,
    // and so their packages, are the declaring package's.
    expect(linknamed.sort()).toEqual([
      'reflect reflect.resolveNameOff',
      'reflect reflect.typedmemmove',
      'reflect reflect.unsafe_New',
      'syscall syscall.RawSyscall6',
    ]);
  });

  it('gives every JFR method the package of its class', () => {
    const parsed = parseFileBytes(readFixture('jfr/java-churn.jfr'), 'java-churn.jfr');
    const cpu = parsed.items.find((item) => item.type === 'profile');
    if (cpu?.type !== 'profile') throw new Error('java-churn.jfr has no profile');
    const methods = functionsOf(cpu.profile).filter((f) => f.file !== '');
    expect(methods.length).toBeGreaterThan(50);
    for (const { name, file } of methods) {
      // A binary class name's package ends at the last dot of its outermost class: nested and
      // hidden classes (`JDKEvents$$Lambda$37+0x00007f228c06d890.445051633`) follow a `$`.
      const outer = file.split('$', 1)[0] as string;
      expect(packageOf(name, file), name).toBe(outer.slice(0, Math.max(0, outer.lastIndexOf('.'))));
    }
  });
});
