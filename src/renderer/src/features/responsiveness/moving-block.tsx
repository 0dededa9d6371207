/**
 * A block that glides back and forth, moved by JavaScript on every animation frame (a transform set
 * from requestAnimationFrame). A CSS animation would keep gliding on the compositor while the page's
 * thread is blocked; this one stops dead, then jumps: the freeze is visible.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useFrameMeter } from '../../store/store-context';

/** One sweep across the track, ms. */
const SWEEP_MS = 1600;

/** Where the block is at `now`: 0 at the left end, 1 at the right, back and forth. */
export function sweepPosition(now: number): number {
  const phase = (now % (2 * SWEEP_MS)) / SWEEP_MS;
  return phase <= 1 ? phase : 2 - phase;
}

/** The track and its block. */
export function MovingBlock(): ReactNode {
  const trackRef = useRef<HTMLDivElement>(null);
  const blockRef = useRef<HTMLDivElement>(null);
  const meter = useFrameMeter();
  useEffect(() => {
    const track = trackRef.current;
    const block = blockRef.current;
    if (!track || !block) return;
    let travel = 0;
    const measure = () => {
      travel = Math.max(0, track.clientWidth - block.offsetWidth);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(track);
    const stop = meter.onFrame((now) => {
      // CSSOM, not a style attribute: allowed by the page's style-src 'self'.
      block.style.transform = `translateX(${Math.round(sweepPosition(now) * travel)}px)`;
    });
    return () => {
      stop();
      observer.disconnect();
    };
  }, [meter]);
  return (
    <div ref={trackRef} className="moving-track" aria-hidden="true">
      <div ref={blockRef} className="moving-block" />
    </div>
  );
}
