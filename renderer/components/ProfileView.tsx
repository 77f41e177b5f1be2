/** Everything about the selected profile: sample type, flame graph and top functions. */
import { useEffect } from 'react';
import type { ProfileSummary } from '../../shared/ipc/contract';
import { useBackend } from '../backend/BackendContext';
import { useProfileDataStore } from '../state/profileDataStore';
import { useViewStore } from '../state/viewStore';
import { FlamePanel } from './FlamePanel';
import { ItemHeading } from './ItemHeading';
import { SampleTypePicker } from './SampleTypePicker';
import { TopFunctionsTable } from './TopFunctionsTable';

export function ProfileView({ profile }: { profile: ProfileSummary }) {
  const backend = useBackend();
  const sampleType = useViewStore((s) => s.sampleType);
  const setSampleType = useViewStore((s) => s.setSampleType);
  const { key, flameTree, topFunctions, error, load } = useProfileDataStore();

  useEffect(() => {
    void load(backend, profile.id, sampleType);
  }, [backend, load, profile.id, sampleType]);

  // Until the store catches up with a new selection it still holds the previous profile's data.
  const current = key === `${profile.id}/${sampleType}`;
  const valueType = profile.sampleTypes[sampleType] ?? { type: '', unit: '' };

  return (
    <section className="profile-view" aria-label={`Profile ${profile.name}`}>
      <ItemHeading item={profile}>
        <SampleTypePicker sampleTypes={profile.sampleTypes} value={sampleType} onChange={setSampleType} />
      </ItemHeading>
      {current && error !== null && (
        <p className="error-text" role="alert" data-testid="profile-error">
          Could not load this profile: {error}
        </p>
      )}
      {current && flameTree ? (
        <FlamePanel tree={flameTree} />
      ) : (
        error === null && <p className="loading-hint">Loading flame graph…</p>
      )}
      {current && topFunctions && (
        <TopFunctionsTable
          rows={topFunctions}
          sampleType={valueType}
          grandTotal={profile.totals[sampleType] ?? flameTree?.total[0] ?? 0}
        />
      )}
    </section>
  );
}
