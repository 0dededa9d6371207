/** Engine options for tests: the built host scripts and the child_process spawner. */
import { resolve } from 'node:path';
import { assertHostScripts, hostScriptsIn, type HostScripts } from '../main/engine/models/host-scripts';

/** The host scripts of the build the global setup keeps fresh. */
export function builtHostScripts(): HostScripts {
  return assertHostScripts(hostScriptsIn(resolve(__dirname, '../../out/main')));
}
