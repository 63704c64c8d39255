/**
 * Where log lines go: the console (keepalived -l) with keepalived's ctime
 * prefix, or syslog. Detail lines are dropped unless -D was given.
 */
import type { LogLevel, LogLine } from './log-lines.js';

export interface Logger {
  write(line: LogLine): void;
}

export interface LogSink {
  /** One finished line, without a trailing newline. */
  emit(level: LogLevel, text: string): void;
}

export function createLogger(sink: LogSink, detail: boolean): Logger {
  return {
    write(line) {
      if (line.level === 'detail' && !detail) return;
      sink.emit(line.level, line.text);
    },
  };
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** ctime(3) without the newline: "Sun Nov 22 04:59:00 2026", as keepalived prefixes console lines. */
export function ctime(date: Date): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${DAYS[date.getDay()]} ${MONTHS[date.getMonth()]} ${String(date.getDate()).padStart(2, ' ')} ${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())} ${date.getFullYear()}`;
}

/** keepalived -l: "Sun Nov 22 04:59:00 2026: (VI_1) Entering MASTER STATE". */
export function consoleSink(write: (text: string) => void, wallClock: () => Date = () => new Date()): LogSink {
  return {
    emit(_level, text) {
      write(`${ctime(wallClock())}: ${text}\n`);
    },
  };
}
