/**
 * The timeline's axis labels: local wall-clock time at the ticks axisTicks.timeTicks picks (round multiples of a
 * clock step), with the date on the first tick and wherever the day changes, and milliseconds only when the step is
 * under a second.
 */
import { timeTicks } from '../charts/axisTicks';

export interface ClockTick {
  ms: number;
  label: string;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function clockTicks(fromMs: number, toMs: number, count: number): ClockTick[] {
  const { step, values } = timeTicks(fromMs, toMs, count);
  let lastDay = '';
  return values.map((ms) => {
    const d = new Date(ms);
    const day = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
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
