/**
 * Whether a function is the user's own code, as opposed to the runtime, the standard library or a library: a
 * comparison names its suspect among the user's functions (diff.ts), since "it got slower in sha256.block" is where
 * the time went, not who asked for it. Built on packageOf, the classifier the flame graph colours by; the user adds
 * packages of their own dependencies that are "not mine" (a prefix of the package, e.g. `github.com/gin-gonic`).
 *
 * Not one's own, per runtime:
 * - Go: the standard library and runtime (`runtime`, `net/http`, `crypto/sha256`: its top-level directories, below),
 *   and `golang.org/x/…`; `main` and every other import path are one's own.
 * - JVM: `java.`, `javax.`, `jdk.`, `sun.`, `com.sun.`, `kotlin.`, `scala.`.
 * - JavaScript: Node's own modules (`node:…`) and packages under `node_modules`.
 * - Python: files under `site-packages`, `dist-packages` or the interpreter's own library directory.
 * - Native code: the kernel, shared libraries (`*.so`, `*.dylib`, `*.dll`), C++'s `std` and `__gnu_cxx`.
 * - Anything without a package: `(garbage collector)`, `(program)`, a bare address — except a JVM class of the
 *   unnamed package (`Main.run`), which is the program's own.
 */
import { packageOf } from './package-of';

const GO_FILE = /\.(go|s)$/;
const JVM_RUNTIME = /^(java|javax|jdk|sun|kotlin|scala)(\.|$)|^com\.sun(\.|$)/;
const PYTHON_LIBRARY = /\/(site-packages|dist-packages)\/|\/python\d+(\.\d+)?\//;
const SHARED_LIBRARY = /\.(so|dylib|dll)(\.[0-9.]+)?$|^\[.+\]$/;
const CPP_RUNTIME = new Set(['std', '__gnu_cxx', '__cxxabiv1', 'core', 'alloc']);
/** The Go standard library's top-level directories (go/src, Go 1.19–1.23), so a module path without a dot is not taken for it. */
const GO_STD = new Set(
  (
    'archive bufio builtin bytes cmp compress container context crypto database debug embed encoding errors expvar ' +
    'flag fmt go hash html image index internal io iter log maps math mime net os path plugin reflect regexp ' +
    'runtime slices sort strconv strings structs sync syscall testing text time unicode unique unsafe vendor weak'
  ).split(' '),
);

export function isOwnCode(name: string, file: string, notMine: readonly string[] = []): boolean {
  const pkg = packageOf(name, file);
  if (pkg === '') return isUnnamedPackageMethod(name, file);
  if (notMine.some((prefix) => prefix !== '' && (pkg === prefix || pkg.startsWith(prefix)))) return false;
  if (GO_FILE.test(file) || isGoPackage(pkg, name)) return ownGoPackage(pkg);
  if (JVM_RUNTIME.test(pkg)) return false;
  if (pkg.startsWith('node:') || file.includes('node_modules/') || file.startsWith('node:')) return false;
  if (PYTHON_LIBRARY.test(file.replace(/\\/g, '/'))) return false;
  if (SHARED_LIBRARY.test(pkg) || SHARED_LIBRARY.test(file)) return false;
  if (CPP_RUNTIME.has(pkg)) return false;
  return true;
}

/**
 * A JVM method of a class in the unnamed package (`JvmPhase.render`, JFR naming the class as the file, or a
 * `.java` file): a program's own class, though it has no package to tell it by (JLS §7.4.2).
 */
function isUnnamedPackageMethod(name: string, file: string): boolean {
  if (!/^[A-Z][\w$]*\.[\w$<>]+$/.test(name.split('(', 1)[0] ?? name)) return false;
  return name.startsWith(`${file}.`) || /\.(java|kt|scala|groovy)$/.test(file);
}

/** A Go function named without its file (folded stacks, perf of a Go binary): `pkg/path.Func`, `pkg.(*T).M`. */
function isGoPackage(pkg: string, name: string): boolean {
  return name.startsWith(`${pkg}.`) && (pkg.includes('/') || name.includes('.(') || /^[a-z0-9_]+$/.test(pkg));
}

function ownGoPackage(pkg: string): boolean {
  if (pkg.startsWith('golang.org/x/')) return false;
  return !GO_STD.has(pkg.split('/', 1)[0] ?? '');
}
