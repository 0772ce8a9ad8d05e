// The entry of a comparison's worker thread. Worker threads do not inherit the main
// thread's TypeScript loader, so this plain-JS file registers tsx before loading the task.
import { register } from 'tsx/esm/api';

register();
const { runComparisonTask } = await import('./comparison-task.ts');
export default runComparisonTask;
