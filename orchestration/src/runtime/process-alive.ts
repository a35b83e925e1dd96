import { readFileSync } from 'node:fs';

/**
 * Whether a process with this id runs on this machine (signal 0; EPERM means it runs as another
 * user). A zombie (exited, not yet reaped: e.g. a killed CLI whose parent is a container's init
 * that never reaps) counts as gone, read from `/proc/<pid>/stat` where there is one.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    // "<pid> (<comm>) <state> ...": comm may hold spaces and parentheses, the state follows the last ')'
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc (macOS): signal 0 is all we know
  }
}
