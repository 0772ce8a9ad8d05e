// The entry of a trial worker thread. Worker threads do not inherit the main thread's
// TypeScript loader, so this plain-JS file registers tsx before loading the TS handler.
import { register } from 'tsx/esm/api';

register();
const { runJob } = await import('./worker-task.ts');
export default runJob;
