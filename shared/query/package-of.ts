/**
 * The package (module, namespace, library) a function belongs to, from its
 * display name and file as the importers store them. Flame graphs colour by it
 * and the legend groups by it, so it must be stable, cheap and never throw.
 *
 * What each runtime's names look like, and what counts as the package:
 * - Go (pprof; file `*.go` / `*.s`): `net/http.(*conn).serve` → `net/http`,
 *   `gopkg.in/yaml.v2.(*parser).parse` → `gopkg.in/yaml.v2`: the import path is
 *   everything up to the first dot after the last slash (as `go tool pprof`
 *   splits symbols), keeping a `.vN` major-version suffix.
 * - Java and other JVM languages (JFR stores the class as the file;
 *   pprof/async-profiler `*.java`): `com.foo.Bar.baz` → `com.foo`, the segments
 *   before the first capitalised one (the class).
 * - JavaScript (V8 `callFrame.url`): the npm package for files under
 *   `node_modules/` (`express`, `@scope/name`), `node:internal` for Node's own
 *   modules, otherwise the file's directory.
 * - Python (`*.py`, and py-spy's `name (file.py:line)` frames): the top-level
 *   package under `site-packages/` or the standard library, else the directory.
 * - C++ and Rust (`ns::Class::fn(args)`): the first `::` segment, template
 *   arguments and Rust's legacy `$LT$`-style escapes removed.
 * - Native code without a namespace (perf, legacy pprof): the shared object or
 *   binary, `libc-2.31.so`, `[kernel.kallsyms]`, with `.so` version suffixes
 *   dropped (`libfontconfig.so.1.12.0` → `libfontconfig.so`).
 *
 * Returns '' when nothing identifies a package (`(garbage collector)`, a bare
 * C symbol without a file).
 */

const GO_FILE = /\.(go|s)$/;
const JVM_FILE = /\.(java|kt|kts|scala|groovy|clj)$/;
const PYTHON_FILE = /\.(py|pyx|pyw)$/;
const JS_FILE = /\.(js|mjs|cjs|jsx|ts|tsx|mts|cts|vue|svelte)$/;
/** A URL scheme as V8 and browsers report script locations: file://, https://, node:, webpack://, chrome://. */
const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const NATIVE_OBJECT = /\.(so|dylib|dll|exe|a|o)(\.[0-9.]+)?$|\.so\.|^\[.+\]$/;
/** py-spy's folded frames: `function (path/to/module.py:line)`. */
const PY_SPY_FRAME = /^.* \(([^()]+\.pyx?):\d+\)$/;
/** Legacy pprof and perf frames without a symbol: `0x42ed43 [cppbench_server_main]`. */
const ADDRESS_IN_OBJECT = /^0x[0-9a-f]+ \[(.+)\]$/i;
/** A dotted identifier path (Java, Go without a slash, plain JS member chains). */
const DOTTED = /^[\w$<>-]+(\.[\w$<>-]+)+$/;

export function packageOf(name: string, file: string): string {
  const pySpy = PY_SPY_FRAME.exec(name);
  if (pySpy) return pythonPackage(pySpy[1] as string);

  if (file !== '') {
    if (GO_FILE.test(file)) return goPackage(name) || directoryOf(file);
    if (JVM_FILE.test(file) || isJfrClass(name, file)) return jvmPackage(name);
    if (PYTHON_FILE.test(file)) return pythonPackage(file);
    if (JS_FILE.test(file) || URL_SCHEME.test(file)) return jsPackage(file);
    if (NATIVE_OBJECT.test(file) || file.startsWith('/')) return cppNamespace(name) || objectName(file);
  }

  const inObject = ADDRESS_IN_OBJECT.exec(name);
  if (inObject) return objectName(inObject[1] as string);
  if (/^\[.+\]$/.test(name)) return objectName(name);
  if (name.includes('::')) return cppNamespace(name);
  if (looksLikeGo(name)) return goPackage(name);
  if (DOTTED.test(name)) return jvmPackage(name);
  return '';
}

/** JFR (and Kiln's JFR importer) put the class's qualified name where a file would be: `java.util.Arrays`. */
function isJfrClass(name: string, file: string): boolean {
  return name.startsWith(`${file}.`) && !file.includes('/');
}

/** A Go symbol that a Java name would never be: an import path with a slash, a method on a pointer, a closure. */
function looksLikeGo(name: string): boolean {
  const head = name.split(/[ [(]/, 1)[0] ?? '';
  return (head.includes('/') && !/\/0x[0-9a-f]+/i.test(name)) || name.includes('.(') || /\.func\d/.test(name);
}

function goPackage(name: string): string {
  // Generic instantiations carry type arguments, themselves import paths: `pkg.F[go.shape.int,a/b.T]`.
  const bracket = name.indexOf('[');
  const symbol = bracket >= 0 ? name.slice(0, bracket) : name;
  const paren = symbol.indexOf('(');
  const slash = symbol.lastIndexOf('/', paren >= 0 ? paren : symbol.length);
  const lastElement = symbol.slice(slash + 1);
  const dot = lastElement.indexOf('.');
  if (dot < 0) return '';
  let end = dot;
  // gopkg.in/yaml.v2 and friends: a `.vN` element suffix belongs to the path.
  const version = /^\.v\d+(?=\.)/.exec(lastElement.slice(dot));
  if (version) end += version[0].length;
  return symbol.slice(0, slash + 1) + lastElement.slice(0, end);
}

function jvmPackage(name: string): string {
  const qualified = name.split('(', 1)[0] ?? name;
  const segments = qualified.split('.');
  const classIndex = segments.findIndex((s) => /^[A-Z]/.test(s));
  const packageEnd = classIndex >= 0 ? classIndex : segments.length - 1;
  return segments.slice(0, packageEnd).join('.');
}

function jsPackage(file: string): string {
  const path = file.replace(/[?#].*$/, '').replace(/\\/g, '/');
  const modules = path.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = path.slice(modules + 'node_modules/'.length).split('/');
    const first = parts[0] ?? '';
    return first.startsWith('@') && parts.length > 1 ? `${first}/${parts[1]}` : first;
  }
  if (path.startsWith('node:')) return `node:${path.slice('node:'.length).split('/', 1)[0] ?? ''}`;
  if (path.startsWith('file://')) return directoryOf(path.slice('file://'.length));
  // Other URLs keep their origin: `https://cdn.example/js/app.js` → `https://cdn.example/js`.
  const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(path)?.[0] ?? '';
  const rest = path.slice(origin.length);
  return rest.lastIndexOf('/') > 0 ? origin + directoryOf(rest) : origin || directoryOf(rest) || rest;
}

function pythonPackage(file: string): string {
  const path = file.replace(/\\/g, '/');
  const installed = /\/(?:site|dist)-packages\/([^/]+)/.exec(path) ?? /\/python\d+(?:\.\d+)?\/([^/]+)/.exec(path);
  if (installed) return (installed[1] as string).replace(PYTHON_FILE, '');
  const directory = directoryOf(path);
  return directory !== '' ? directory : path.replace(PYTHON_FILE, '');
}

/**
 * The outermost namespace of a C++ or Rust name: `mozilla::ipc::MessageChannel::Run()` → `mozilla`,
 * `std::vector<int>::push_back` → `std`, `<alloc::vec::Vec<T> as core::ops::Index>::index` → `alloc`.
 */
function cppNamespace(name: string): string {
  let text = decodeRustLegacy(name);
  if (text.startsWith('<')) {
    // `<Type as Trait>::method`: the implementing type's namespace, else the trait's.
    const inner = text.slice(1, matchingClose(text, 0));
    const [type = '', trait = ''] = splitTopLevel(inner, ' as ');
    return firstSegment(type) || firstSegment(trait);
  }
  text = text.replace(/^(non-virtual thunk to|virtual thunk to|typeinfo for|vtable for) /, '');
  return firstSegment(text);
}

/** The text before the first top-level `::`, without template arguments or a return type; '' if unqualified. */
function firstSegment(text: string): string {
  let depth = 0;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text[i];
    if (c === '<' || c === '(') depth++;
    else if (c === '>' || c === ')') depth--;
    else if (depth === 0 && c === ':' && text[i + 1] === ':') {
      const head = text.slice(0, i).replace(/<.*$/, '');
      return head.slice(head.lastIndexOf(' ') + 1);
    }
    if (depth === 0 && c === '(') break;
  }
  return '';
}

function matchingClose(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '<') depth++;
    else if (text[i] === '>' && --depth === 0) return i;
  }
  return text.length;
}

function splitTopLevel(text: string, separator: string): string[] {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '<') depth++;
    else if (text[i] === '>') depth--;
    else if (depth === 0 && text.startsWith(separator, i)) return [text.slice(0, i), text.slice(i + separator.length)];
  }
  return [text];
}

/** Rust's legacy mangling as some tools print it: `_$LT$impl$u20$core..cmp..PartialOrd$GT$` → `<impl core::cmp::PartialOrd>`. */
function decodeRustLegacy(name: string): string {
  if (!name.includes('$')) return name;
  return name
    .replace(/^_(?=\$)/, '')
    .replace(/\$LT\$/g, '<')
    .replace(/\$GT\$/g, '>')
    .replace(/\$u20\$/g, ' ')
    .replace(/\$BP\$/g, '*')
    .replace(/\$RF\$/g, '&')
    .replace(/\$C\$/g, ',')
    .replace(/\.\./g, '::');
}

/** A shared object's or binary's name, without its directory or `.so` version suffix. */
function objectName(file: string): string {
  if (/^\[.+\]$/.test(file)) return file;
  const base = file.slice(file.lastIndexOf('/') + 1);
  return base.replace(/(\.so)\.[0-9.]+$/, '$1');
}

function directoryOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash > 0 ? path.slice(0, slash) : slash === 0 ? '/' : '';
}
