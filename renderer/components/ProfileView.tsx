/** Everything about the selected profile: sample type, flame graph and top functions. */
import { useEffect } from 'react';
import { useBackend } from '../backend/BackendContext';
import { useCatalogueStore } from '../state/catalogueStore';
import { useProfileDataStore } from '../state/profileDataStore';
import { useViewStore } from '../state/viewStore';
import { FlamePanel } from './FlamePanel';
import { SampleTypePicker } from './SampleTypePicker';
import { TopFunctionsTable } from './TopFunctionsTable';

export function ProfileView() {
  const backend = useBackend();
  const selectedProfileId = useViewStore((s) => s.selectedProfileId);
  const sampleType = useViewStore((s) => s.sampleType);
  const setSampleType = useViewStore((s) => s.setSampleType);
  const profile = useCatalogueStore((s) => s.profiles.find((p) => p.id === selectedProfileId) ?? null);
  const { key, flameTree, topFunctions, error, load } = useProfileDataStore();

  useEffect(() => {
    if (selectedProfileId !== null) void load(backend, selectedProfileId, sampleType);
  }, [backend, load, selectedProfileId, sampleType]);

  if (profile === null) {
    return <p className="empty-hint">Select a profile above to see its flame graph and top functions.</p>;
  }
  // Until the store catches up with a new selection it still holds the previous profile's data.
  const current = key === `${profile.id}/${sampleType}`;
  const valueType = profile.sampleTypes[sampleType] ?? { type: '', unit: '' };

  return (
    <section className="profile-view" aria-label={`Profile ${profile.name}`}>
      <div className="profile-heading">
        <h2 title={profile.name}>{profile.name}</h2>
        <SampleTypePicker sampleTypes={profile.sampleTypes} value={sampleType} onChange={setSampleType} />
      </div>
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
