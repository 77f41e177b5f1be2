/**
 * Non-JSON formats Kiln recognises but does not import, so the user learns
 * what the file is and, where one exists, how to convert it. Signatures:
 * ZIP local file header "PK\3\4"; perf.data "PERFILE2"; the text dump Go's
 * profile.Profile.String() writes (pprof's test goldens), which starts with
 * "PeriodType:" or "Samples:"; V8's tick log (`node --prof`), whose first
 * line is "v8-version,MAJOR,MINOR,…"; a Papyrus script profiling log (Skyrim,
 * Fallout 4), "NAME log opened (PLATFORM)" then "TIME:PUSH:…" records.
 */

/** A reason for a recognised text format, from the text's first characters; null otherwise. */
export function knownTextFormat(start: string): string | null {
  if (/^(PeriodType: |Samples:\n)/.test(start)) {
    return "looks like a text dump of a pprof profile (Go's profile.String()), not a profile file; import the profile itself";
  }
  if (/^v8-version,\d+,\d+,/.test(start)) {
    return 'looks like a V8 tick log (node --prof), which Kiln does not import; record a .cpuprofile with node --cpu-prof';
  }
  if (/^[^\n]* log opened \([^)\n]*\)\r?\n\d+:[A-Z_]+:\d+/.test(start)) {
    return 'looks like a Papyrus script profiling log, which Kiln does not import';
  }
  return null;
}

/** A reason for a recognised binary format, from its first bytes; null otherwise. */
export function knownBinaryFormat(data: Uint8Array): string | null {
  const ascii = String.fromCharCode(...data.subarray(0, 8));
  if (ascii.startsWith('PK\u0003\u0004')) return 'looks like a ZIP archive, which Kiln does not import';
  if (ascii.startsWith('PERFILE2')) {
    return 'looks like a Linux perf.data file; import the output of "perf script" instead';
  }
  return null;
}
