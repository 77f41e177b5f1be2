import { beforeEach, describe, expect, it } from 'vitest';
import type { StackChart } from '../../shared/ipc/contract';
import { emptyStackChart } from '../../shared/query/stack-chart';
import type { KilnBackend } from '../backend/KilnBackend';
import { useStackChartStore, type StackChartRequest } from './stackChartStore';
import { deferred, type Deferred } from '../../test/fixtures/deferred';

function chart(rangeStartNs: number, rangeEndNs: number): StackChart {
  return { ...emptyStackChart(), hasTimes: true, rangeStartNs, rangeEndNs };
}

/** A backend whose answers wait for the test; `asked` records each call's arguments. */
function chartBackend() {
  const answers: Deferred<StackChart>[] = [];
  const asked: unknown[] = [];
  const backend = {
    getStackChart: (args: unknown) => {
      asked.push(args);
      const answer = deferred<StackChart>();
      answers.push(answer);
      return answer.promise;
    },
  } as unknown as KilnBackend;
  return { backend, answers, asked };
}

const whole: StackChartRequest = { selection: { items: [1] }, filters: '', widthPx: 800 };

describe('stack chart store', () => {
  beforeEach(() => useStackChartStore.setState({ key: null, subject: null, chart: null, loading: false, error: null }));

  it('sends the range and filters only when given', async () => {
    const { backend, answers, asked } = chartBackend();
    const first = useStackChartStore.getState().load(backend, whole);
    answers[0]!.resolve(chart(0, 10));
    await first;
    const zoomed = useStackChartStore
      .getState()
      .load(backend, { selection: { items: [1] }, filters: 'hide:x', startNs: 2, endNs: 4, widthPx: 800 });
    answers[1]!.resolve(chart(2, 4));
    await zoomed;
    expect(asked).toEqual([
      { selection: { items: [1] }, widthPx: 800 },
      { selection: { items: [1] }, widthPx: 800, filters: 'hide:x', startNs: 2, endNs: 4 },
    ]);
  });

  it('keeps the last chart of the same profile while a new range loads, and drops stale answers', async () => {
    const { backend, answers } = chartBackend();
    const load = (request: StackChartRequest) => useStackChartStore.getState().load(backend, request);
    const first = load(whole);
    answers[0]!.resolve(chart(0, 10));
    await first;

    const older = load({ ...whole, startNs: 2, endNs: 4 });
    expect(useStackChartStore.getState().chart?.rangeEndNs).toBe(10);
    expect(useStackChartStore.getState().loading).toBe(true);
    const newer = load({ ...whole, startNs: 3, endNs: 5 });
    answers[2]!.resolve(chart(3, 5));
    await newer;
    answers[1]!.resolve(chart(2, 4));
    await older;
    expect(useStackChartStore.getState().chart?.rangeStartNs).toBe(3);
    expect(useStackChartStore.getState().loading).toBe(false);
  });

  it('forgets the chart when the profile or filters change, and reports errors of the latest request', async () => {
    const { backend, answers } = chartBackend();
    const first = useStackChartStore.getState().load(backend, whole);
    answers[0]!.resolve(chart(0, 10));
    await first;
    const other = useStackChartStore.getState().load(backend, { ...whole, selection: { items: [2] } });
    expect(useStackChartStore.getState().chart).toBeNull();
    answers[1]!.reject(new Error('no profile with id 2'));
    await other;
    expect(useStackChartStore.getState().error).toBe('no profile with id 2');
  });
});
