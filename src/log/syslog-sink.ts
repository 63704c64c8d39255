/**
 * Logging to syslog as keepalived does without -l: datagrams to /dev/log in
 * the format of syslog(3) (RFC 3164), facility daemon, ident "vipd".
 * With -G (no syslog) lines are dropped; if /dev/log cannot be reached they
 * go to stderr rather than nowhere.
 */
import type { NativeBinding, NativeSocket } from '../io/native-binding.js';
import { SockaddrCodec } from '../io/sockaddr.js';
import type { LogLevel } from './log-lines.js';
import type { LogSink } from './logger.js';

const DEV_LOG = '/dev/log';
const FACILITY_DAEMON = 3;
/** syslog(3) severities. */
const SEVERITY: Readonly<Record<LogLevel, number>> = { error: 3, warning: 4, info: 6, detail: 7 };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function syslogSink(
  binding: NativeBinding,
  disabled: boolean,
  wallClock: () => Date = () => new Date(),
  path: string = DEV_LOG,
): LogSink {
  if (disabled) return { emit: () => undefined };
  let socket: NativeSocket | null = null;
  try {
    socket = new binding.Socket(binding.constants.AF_UNIX, binding.constants.SOCK_DGRAM, 0);
  } catch {
    socket = null;
  }
  const destination = new SockaddrCodec(binding.constants).unix(path);
  return {
    emit(level, text) {
      const line = `<${FACILITY_DAEMON * 8 + SEVERITY[level]}>${timestamp(wallClock())} vipd[${process.pid}]: ${text}`;
      try {
        if (socket === null) throw new Error('no socket');
        socket.send(new TextEncoder().encode(line), destination, 0, 0);
      } catch {
        process.stderr.write(`${text}\n`);
      }
    },
  };
}

/** "Nov 22 04:59:00": RFC 3164 §4.1.2, the day space-padded. */
function timestamp(date: Date): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${MONTHS[date.getMonth()]} ${String(date.getDate()).padStart(2, ' ')} ${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}
