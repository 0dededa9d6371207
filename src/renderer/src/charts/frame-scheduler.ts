/** Coalesces redraw requests into at most one per animation frame. */

/** Something that draws, at most once a frame however often it is asked to. */
export interface FrameScheduler {
  /** Asks for a draw in the next frame. */
  request(): void;
  /** Drops a pending draw. */
  cancel(): void;
}

/** Wraps `draw` so that many requests within one frame cause one call. */
export function createFrameScheduler(
  draw: () => void,
  raf: (callback: () => void) => number = (cb) => requestAnimationFrame(cb),
  caf: (handle: number) => void = (handle) => cancelAnimationFrame(handle),
): FrameScheduler {
  let handle: number | null = null;
  return {
    request() {
      if (handle !== null) return;
      handle = raf(() => {
        handle = null;
        draw();
      });
    },
    cancel() {
      if (handle !== null) caf(handle);
      handle = null;
    },
  };
}
