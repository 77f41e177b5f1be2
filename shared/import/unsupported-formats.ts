/**
 * Non-JSON formats Kiln recognises but does not import, so the user learns
 * what the file is and, where one exists, how to convert it. Signatures:
 * ZIP local file header "PK\3\4"; JFR chunk magic "FLR\0"; perf.data
 * "PERFILE2"; gperftools' legacy CPU profile header words (0, 3, 0, period);
 * the legacy text headers of pprof's heapz/growthz/contentionz/threadz and Go's
 * debug=1 profiles (google/pprof profile/legacy_profile.go).
 */

const NOT_SUPPORTED = 'which Kiln does not import yet';

/** A reason for a recognised legacy text format, from the text's first characters; null otherwise. */
export function knownTextFormat(start: string): string | null {
  if (
    /^(heap profile:|--- (heapz|growthz|contentionz|contention|threadz)|goroutine profile:|threadcreate profile:)/.test(
      start,
    )
  ) {
    return `looks like a legacy text pprof profile, ${NOT_SUPPORTED}; convert it with "go tool pprof -proto"`;
  }
  return null;
}

/** A reason for a recognised binary format, from its first bytes; null otherwise. */
export function knownBinaryFormat(data: Uint8Array): string | null {
  const ascii = String.fromCharCode(...data.subarray(0, 8));
  if (ascii.startsWith('PK\u0003\u0004')) return 'looks like a ZIP archive, which Kiln does not import';
  if (ascii.startsWith('FLR\u0000')) return `looks like a Java Flight Recorder recording (.jfr), ${NOT_SUPPORTED}`;
  if (ascii.startsWith('PERFILE2')) {
    return 'looks like a Linux perf.data file; convert it with "perf script | stackcollapse-perf.pl" to folded stacks';
  }
  // gperftools legacy CPU profile header: words 0, 3 (header size), 0 (version), period (32- or 64-bit).
  const word32 = (i: number): number =>
    ((data[i] ?? 0) | ((data[i + 1] ?? 0) << 8) | ((data[i + 2] ?? 0) << 16) | ((data[i + 3] ?? 0) << 24)) >>> 0;
  const legacy32 = data.length >= 20 && word32(0) === 0 && word32(4) === 3;
  const legacy64 = data.length >= 40 && word32(0) === 0 && word32(4) === 0 && word32(8) === 3 && word32(12) === 0;
  if (legacy32 || legacy64) {
    return `looks like a legacy binary CPU profile (gperftools), ${NOT_SUPPORTED}; convert it with "go tool pprof -proto"`;
  }
  return null;
}
