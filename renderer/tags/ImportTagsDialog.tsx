/**
 * The import dialog: the batch the user dropped or opened gets an optional service and labels, then imports. The
 * service starts blank for every batch (blank: the one the files name), with the last and known services suggested.
 */
import { useMemo } from 'react';
import { useBackend } from '../backend/BackendContext';
import { useCatalogueStore } from '../catalogue/catalogueStore';
import { importFiles } from '../catalogue/importFiles';
import { lastImportService, rememberImportService, useImportDialogStore } from './importDialogStore';
import { TagsDialog } from './TagsDialog';
import { importSuggestions, knownServices } from './knownServices';

export function ImportTagsDialog() {
  const backend = useBackend();
  const batch = useImportDialogStore((s) => s.pending[0]);
  const done = useImportDialogStore((s) => s.done);
  const profiles = useCatalogueStore((s) => s.profiles);
  const services = useMemo(() => knownServices(profiles), [profiles]);
  if (batch === undefined) return null;
  const suggestions = importSuggestions(lastImportService(), services);
  const { files } = batch;
  const subject =
    files.length === 1 ? (files[0]?.name ?? '') : `${files.length} files: ${files.map((f) => f.name).join(', ')}`;
  return (
    <TagsDialog
      // Each batch starts blank: a remembered service would tag a new batch of another service without asking.
      key={batch.id}
      title="Import"
      subject={subject}
      initialService=""
      initialLabels=""
      knownServices={suggestions}
      labelsHint="KEY=VALUE, one a line, for every capture of these files. A blank service keeps the one the files name."
      submitText="Import"
      testId="import-dialog"
      onSubmit={(tags) => {
        rememberImportService(tags?.service ?? '');
        done();
        void importFiles(backend, files, tags);
      }}
      onCancel={done}
    />
  );
}
