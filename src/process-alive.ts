/**
 * Whether a process of this machine is still running: a signal 0 reaches it, or is refused
 * (EPERM) because it belongs to another user. Used to tell a dead writer's leftovers (temp
 * files, a study's lock) from a live one's.
 *
 * @example
 * processAlive(process.pid); // true
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
