/** What Kiln concludes about a selection (issue 13; being built). */
import type { KilnServices } from '../../shared/ipc/contract';
import type { QueryServices } from './query-methods';

export function findingsServices(services: Omit<QueryServices, 'getFindings'>): Pick<KilnServices, 'getFindings'> {
  void services;
  return {
    getFindings: async () => {
      throw new Error('getFindings is not built yet');
    },
  };
}
