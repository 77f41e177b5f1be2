/**
 * The timeline (captures and markers per service) and the annotations users add, edit, delete and import.
 * getTimeline only reads (a query worker answers it); the annotation methods write, on the main thread.
 */
import {
  NO_SERVICE,
  type Annotation,
  type KilnServices,
  type Timeline,
  type TimelineCapture,
  type TimelineMarkerView,
} from '../../shared/ipc/contract';
import { ContractError } from '../../shared/ipc/validate';
import { AnnotationFileError, parseAnnotationFile } from '../../shared/timeline/annotation-file';
import { captureColumns } from '../../shared/timeline/capture-columns';
import { automaticMarkers, sortMarkers } from '../../shared/timeline/markers';
import {
  deleteAnnotation,
  getAnnotation,
  insertAnnotation,
  insertAnnotationFile,
  listAnnotations,
  timelineItems,
  updateAnnotation,
} from '../store/annotation-queries';
import { itemLabels } from '../store/capture-queries';
import type { ProfileStore } from '../store/profile-store';
import { NotFoundError } from './not-found';

export function timelineServices(store: ProfileStore): Pick<KilnServices, 'getTimeline'> {
  return { getTimeline: async ({ service }) => timeline(store, service) };
}

/**
 * Items without a service form the NO_SERVICE group (last); items without a start are listed after the placed ones
 * and take no part in markers. With `service`, only that service's items and annotations are read (indexed).
 */
function timeline(store: ProfileStore, service: string | undefined): Timeline {
  const items = timelineItems(store.db, service);
  const labels = itemLabels(
    store.db,
    items.map((i) => i.id),
  );
  const groups = new Map<string, TimelineCapture[]>();
  for (const item of items) {
    const name = item.service ?? NO_SERVICE;
    let list = groups.get(name);
    if (!list) groups.set(name, (list = []));
    list.push({
      id: item.id,
      kind: item.kind,
      capturedAtMs: item.capturedAtMs,
      durationNs: item.durationNs,
      labels: labels.get(item.id) ?? {},
    });
  }
  const notes = new Map<string, TimelineMarkerView[]>();
  for (const note of listAnnotations(store.db, service)) {
    let list = notes.get(note.service);
    if (!list) notes.set(note.service, (list = []));
    list.push({
      atMs: note.atMs,
      label: note.label,
      source: note.source,
      annotationId: note.id,
      ...(note.origin !== null ? { origin: note.origin } : {}),
    });
  }
  // A service with annotations and no captures (annotated before its first import) still has its axis.
  for (const name of notes.keys()) if (!groups.has(name)) groups.set(name, []);
  const names = [...groups.keys()].sort((a, b) =>
    a === NO_SERVICE ? 1 : b === NO_SERVICE ? -1 : a < b ? -1 : a > b ? 1 : 0,
  );
  return {
    services: names.map((name) => {
      const captures = groups.get(name) ?? [];
      const markers: TimelineMarkerView[] = [...automaticMarkers(captures), ...(notes.get(name) ?? [])];
      return { name, ...captureColumns(captures), markers: sortMarkers(markers) };
    }),
  };
}

export function annotationServices(
  store: ProfileStore,
  now: () => number = Date.now,
): Pick<KilnServices, 'addAnnotation' | 'updateAnnotation' | 'deleteAnnotation' | 'importAnnotations'> {
  return {
    addAnnotation: async ({ service, atMs, label }) =>
      insertAnnotation(store.db, { service, atMs, label: labelText(label) }, now()),
    updateAnnotation: async ({ id, atMs, label }) => {
      if (!getAnnotation(store.db, id)) throw new NotFoundError(`no annotation with id ${id}`);
      const change = {
        ...(atMs === undefined ? {} : { atMs }),
        ...(label === undefined ? {} : { label: labelText(label) }),
      };
      return updateAnnotation(store.db, id, change) as Annotation;
    },
    deleteAnnotation: async ({ id }) => ({ deleted: deleteAnnotation(store.db, id) }),
    importAnnotations: async ({ fileName, text, service }) => {
      let rows;
      try {
        rows = parseAnnotationFile(text);
      } catch (error) {
        if (error instanceof AnnotationFileError) throw new ContractError(`${fileName}: ${error.message}`);
        throw error;
      }
      const placed = rows.map((row, i) => {
        const name = row.service ?? service;
        if (name === undefined) {
          throw new ContractError(`${fileName}: row ${i + 1} names no service and none was given (--service)`);
        }
        return { ...row, service: name };
      });
      return { imported: insertAnnotationFile(store.db, placed, fileName, now()) };
    },
  };
}

/** A label as shown: trimmed, and not blank (the validator has bounded its length). */
function labelText(label: string): string {
  const text = label.trim();
  if (text === '') throw new ContractError('label must not be blank');
  return text;
}
