/**
 * Who a recording profiled, from jdk.JVMInformation (shared/capture): the
 * service is the main class (or the jar) the JVM ran — the first word of
 * javaArguments, as `jfr print --events jdk.JVMInformation` shows it — and
 * the JVM's name, version and pid are labels. The first chunk that has the
 * event names the recording (later chunks of the same file are the same JVM
 * in every recording the JDK writes itself).
 */
import { baseName, captureTags, NO_CAPTURE_TAGS, type CaptureTags } from '../../capture/capture';
import type { Chunk, ChunkEvent } from './chunk';
import { num, text } from './constant-pools';

export class JvmIdentity {
  private found: CaptureTags | null = null;

  accept(chunk: Chunk, event: ChunkEvent): void {
    if (this.found) return;
    const { pools } = chunk;
    const v = event.value;
    const pid = num(pools, v.pid);
    const version = text(pools, v.jvmVersion);
    const command = text(pools, v.javaArguments);
    this.found = captureTags(serviceOf(command), {
      'jvm.name': text(pools, v.jvmName),
      // "OpenJDK 64-Bit Server VM (17.0.15+6-Debian-1deb12u1) for linux-amd64 JRE (…)": the build in parentheses.
      'jvm.version': version === null ? null : (/\(([^)]+)\)/.exec(version)?.[1] ?? version),
      pid: pid === null ? null : String(pid),
      'java.command': command,
    });
  }

  tags(): CaptureTags {
    return this.found ?? NO_CAPTURE_TAGS;
  }
}

/** "com.example.Main arg…" → "com.example.Main"; "build/app.jar arg…" → "app" (a jar names its program). */
function serviceOf(command: string | null): string | null {
  const first = command?.trim().split(/\s+/)[0];
  if (!first) return null;
  const name = baseName(first);
  return name.endsWith('.jar') ? name.slice(0, -'.jar'.length) || null : name;
}
