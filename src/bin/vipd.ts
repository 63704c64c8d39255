#!/usr/bin/env node
/**
 * vipd, the daemon. The Linux runtime (sockets, netlink, keepalived.conf,
 * keepalived's command line) arrives with the runtime issue; until then the
 * entry point exists and says so.
 */
process.stderr.write('vipd: not implemented yet: the Linux runtime has not landed (see README)\n');
process.exitCode = 1;
