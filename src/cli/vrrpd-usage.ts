/**
 * `vipd vrrpd -h`: every flag of Advanced vrrpd (vrrpd.c usage and
 * parse_cmdline) with what vipd does with it.
 */
import {
  DEFAULT_VRRPD_RUN_DIRECTORY,
  VRRPD_DEFAULT_ADVERT_INTERVAL_SECONDS,
  VRRPD_DEFAULT_PRIORITY,
  VRRPD_MAX_MONITORED_PROCESSES,
} from './vrrpd-command.js';

export const VRRPD_USAGE = `Usage: vipd vrrpd -i ifname -v vrid [-s] [-n] [-a auth] [-p prio] [-d delay] [-z prio] [-x prio]
                  [-U file] [-D file] [-I vip -O gw] [-f piddir] [-M n] [-hV] ipaddr[/len] ...
Advanced vrrpd's command line, run by vipd's engine as one keepalived.conf vrrp_instance
(VRRPv2 over IPv4, one VRID per process, in the foreground). --dump prints that configuration.
  -i ifname   the interface to run on (required)
  -v vrid     the virtual router id, 1-255 (required)
  -p prio     this router's priority, 1-255 (default ${VRRPD_DEFAULT_PRIORITY}; 255 = address owner)
  -d delay    the advert interval in whole seconds, 1-255 (default ${VRRPD_DEFAULT_ADVERT_INTERVAL_SECONDS}, as vrrpd 1.15; 1 before)
  -s          switch preemption (on by default; -s turns it off: keepalived's nopreempt)
  -a auth     none | pw/PASSWORD | ah/KEY. pw/: the characters after "pw/" are the
              password as they stand (vrrpd reads no hex there, whatever "hexkey" says),
              at most 8 are used; VRRPv2 simple-text authentication (keepalived auth_type
              PASS). ah/: IPSEC-AH with HMAC-MD5-96 keyed the same way (keepalived auth_type
              AH with that auth_pass; vrrpd itself never implemented AH)
  -n          don't handle the virtual MAC: accepted and changes nothing, since vipd never
              rewrites the NIC's MAC address in this form (vrrpd 1.15 leaves it alone by
              default too; earlier versions set 00:00:5e:00:01:VRID on the NIC without -n)
  -z prio     the priority a reduce request sets (vrrpd: SIGTTIN / atropos --reduce;
              without -z, priority - 10). Carried for vipctl; 1-255
  -x prio     the priority an increase request sets (SIGTTOU / atropos --increase;
              without -x, priority + 10). Carried for vipctl; 1-255
  -U file     run file (no arguments, no shell, not waited for) on becoming master
  -D file     run file likewise on ceasing to be master (backup, fault or shutdown)
  -I vip      with -O: on becoming master, once the VIPs are up, open a TCP connection from
  -O gw       vip (one of the virtual addresses) to gw port 1100 and drop it: the "magic
              packet" that makes switches and the gateway relearn the VIP without a vMAC
  -f piddir   the pid file's directory (default ${DEFAULT_VRRPD_RUN_DIRECTORY}); the file is vrrpd_IF_VRID.pid
  -M n        fate sharing with the other -M processes of this router (network namespace), n of them
              expected (1-${VRRPD_MAX_MONITORED_PROCESSES}): when one loses mastership or its link, the others are
              held in BACKUP until it is master again (vipd warns with fewer than n; vrrpd exited)
  -V          display the version
  -h          display this help
  ipaddr/len  the virtual addresses (IPv4; /32 when /len is left out), anywhere after the flags
vipd's own options:
      --dump                 print the keepalived.conf this command line amounts to, and exit
      --control-socket=PATH  control socket for vipctl (default ${DEFAULT_VRRPD_RUN_DIRECTORY}/vrrpd_IF_VRID.sock)
      --log-console          log to the console instead of syslog (keepalived -l)
      --log-detail           detailed log messages (keepalived -D)
      --no-syslog            don't log via syslog (keepalived -G)
`;
