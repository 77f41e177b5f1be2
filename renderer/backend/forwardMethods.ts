/**
 * A transport's methods generated from the contract's method list (shared/ipc/contract.ts KILN_METHODS), as
 * VS Code's ProxyChannel builds both ends of a channel from the service: a method added to the contract is
 * carried by every backend without being listed here again.
 */
import type { ArgsOf, KilnMethod, KilnServices, ResultOf } from '../../shared/ipc/contract';

/** Each of `methods` as a function that hands its method name and arguments to `send`. */
export function forwardMethods<M extends KilnMethod>(
  methods: readonly M[],
  send: <K extends M>(method: K, args: ArgsOf<K>) => Promise<ResultOf<K>>,
): Pick<KilnServices, M> {
  // TypeScript cannot follow a mapped type through Object.fromEntries; each entry is send(m, args) for its m.
  return Object.fromEntries(methods.map((m) => [m, (args: ArgsOf<M>) => send(m, args)])) as unknown as Pick<
    KilnServices,
    M
  >;
}
