/** A capture's start as the catalogue prints it: local date and time, marked when it is an estimate or was set. */
import type { Capture } from '../../shared/capture/capture';
import { captureStartText } from './captureText';

const MARK_TITLES = {
  estimated: 'The file states no start: this is its modification time. Select the item to set the start.',
  'set by you': 'Set by you: the file states no start.',
} as const;

export function CaptureStart({ capture }: { capture: Pick<Capture, 'capturedAtMs' | 'timeSource'> }) {
  const { text, mark } = captureStartText(capture);
  return (
    <span className="capture-start" data-testid="capture-start" data-time-source={capture.timeSource}>
      {text}
      {mark !== null && (
        <span className="capture-mark" data-testid="capture-mark" title={MARK_TITLES[mark]}>
          {mark}
        </span>
      )}
    </span>
  );
}
