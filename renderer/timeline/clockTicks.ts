/**
 * The timeline's axis labels: local wall-clock time (the page's one zone, formatDate.ts) at the ticks
 * axisTicks.timeTicks picks (round multiples of a clock step), with the date on the first tick and wherever the day changes, and milliseconds only when the step is
 * under a second.
 */
import { formatLocalDay, pad } from '../app/formatDate';
import { timeTicks } from '../charts/axisTicks';

export interface ClockTick {
  ms: number;
  label: string;
}

export function clockTicks(fromMs: number, toMs: number, count: number): ClockTick[] {
  const { step, values } = timeTicks(fromMs, toMs, count);
  let lastDay = '';
  return values.map((ms) => {
    const d = new Date(ms);
    const day = formatLocalDay(ms);
    let time =
      step >= 60_000
        ? `${pad(d.getHours())}:${pad(d.getMinutes())}`
        : `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
    if (step < 1000) time += `.${pad(d.getMilliseconds(), 3)}`;
    const label = day === lastDay ? time : `${day} ${time}`;
    lastDay = day;
    return { ms, label };
  });
}
