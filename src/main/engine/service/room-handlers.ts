/** Handlers of the room: who a window is and what the room is doing, and the instructor's screen reports. */
import type { LabActivity } from './lab-activity';
import type { HandlerMap } from './lab-activity';
import type { LabRoom } from './lab-room';

/** room:state and room:screen. */
export function roomHandlers(room: LabRoom, activity: LabActivity): HandlerMap<'room:state' | 'room:screen'> {
  return {
    'room:state': async (_request, you) => ({
      you,
      room: room.state(),
      join: room.join,
      live: activity.run?.live() ?? null,
    }),
    'room:screen': async (screen) => {
      room.screenReported(screen);
      return { accepted: true };
    },
  };
}
