/**
 * How many uploads `kiln serve` takes at once: `running` are received and
 * imported together, up to `waiting` more wait their turn (their bodies stay
 * unread, held back by TCP rather than by memory), and any beyond that are
 * refused with 429 so that a burst of uploads cannot fill the disk or memory.
 */
export interface UploadSlots {
  /** A release function once a slot is free, or null when the queue is full (answer 429). */
  acquire(): Promise<() => void> | null;
  /** Uploads holding a slot or waiting for one. */
  readonly busy: number;
}

export function uploadSlots(running: number, waiting: number): UploadSlots {
  let active = 0;
  const queue: Array<() => void> = [];
  const releaser = (): (() => void) => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = queue.shift();
      if (next) next();
      else active--;
    };
  };
  return {
    acquire: () => {
      if (active < running) {
        active++;
        return Promise.resolve(releaser());
      }
      if (queue.length >= waiting) return null;
      // The slot passes straight from the upload that releases it to the next in line (active stays the same).
      return new Promise((resolve) => queue.push(() => resolve(releaser())));
    },
    get busy() {
      return active + queue.length;
    },
  };
}
