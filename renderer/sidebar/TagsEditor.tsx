/**
 * Giving captures another service or labels from the sidebar: the picked captures, or every capture of a service
 * (renaming it). Saved with setCaptureTags; the catalogue is then fetched again, which redraws the sidebar and the
 * timeline (both read the catalogue store).
 */
import { useMemo } from 'react';
import { useBackend } from '../backend/BackendContext';
import { useCatalogueStore } from '../catalogue/catalogueStore';
import { labelsText } from '../tags/tagsForm';
import { knownServices } from '../tags/knownServices';
import { TagsDialog } from '../tags/TagsDialog';
import { useViewStore } from '../app/viewStore';
import { commonTags } from './commonTags';

export type TagsTarget = { kind: 'captures'; ids: number[] } | { kind: 'service'; service: string; ids: number[] };

export function TagsEditor({ target, onClose }: { target: TagsTarget; onClose(): void }) {
  const backend = useBackend();
  const profiles = useCatalogueStore((s) => s.profiles);
  const services = useMemo(() => knownServices(profiles), [profiles]);
  const common = useMemo(() => commonTags(profiles, target.ids), [profiles, target.ids]);
  const subject =
    target.kind === 'service'
      ? `All ${target.ids.length} captures of ${target.service}`
      : `${target.ids.length} selected ${target.ids.length === 1 ? 'capture' : 'captures'}`;
  return (
    <TagsDialog
      title={target.kind === 'service' ? 'Rename service' : 'Edit tags'}
      subject={subject}
      initialService={common.service ?? ''}
      initialLabels={labelsText(common.labels)}
      knownServices={services}
      labelsHint="KEY=VALUE, one a line, set on every one of them; a shared label you delete is removed. A blank service keeps theirs."
      submitText="Save"
      testId="tags-editor"
      onSubmit={async (tags) => {
        // A shared label whose line the user deleted is removed ("" removes a key in setCaptureTags).
        const labels: Record<string, string> = { ...tags?.labels };
        for (const key of Object.keys(common.labels)) if (!Object.hasOwn(labels, key)) labels[key] = '';
        const changes = {
          ...(tags?.service === undefined ? {} : { service: tags.service }),
          ...(Object.keys(labels).length === 0 ? {} : { labels }),
        };
        if (Object.keys(changes).length === 0) {
          onClose();
          return;
        }
        await backend.setCaptureTags({ itemIds: target.ids, ...changes });
        // A service window names the service: renamed, it follows the new name.
        const { selection, sampleType, setSelection } = useViewStore.getState();
        if (target.kind === 'service' && tags?.service !== undefined && selection !== null && 'service' in selection) {
          if (selection.service === target.service) setSelection({ ...selection, service: tags.service }, sampleType);
        }
        await useCatalogueStore.getState().refresh(backend);
        onClose();
      }}
      onCancel={onClose}
    />
  );
}
