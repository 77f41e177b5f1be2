/** `kiln findings SELECTION [--base SEL] [--json]`: what Kiln concludes (issue 13; being built). */
import type { KilnServices } from '../../shared/ipc/contract';
import type { Output } from './output';
import type { MemoryOptions } from './memory-options';

export async function findingsCommand(
  services: KilnServices,
  positionals: readonly string[],
  options: MemoryOptions,
  io: Output,
): Promise<number> {
  void services;
  void positionals;
  void options;
  io.err('error: not built yet');
  return 1;
}
