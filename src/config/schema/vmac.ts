/**
 * use_vmac [IFNAME] [MAC] and use_ipvlan [IFNAME] [ADDR/LEN] [bridge|private|vepa]
 * (keepalived.conf(5) VRRP instance; reference §1 "VMAC"); use_vmac_addr and
 * vmac_xmit_base are flags on the same spec.
 */
import type { Statement } from '../block-parser.js';
import type { VmacSpec } from '../config-types.js';
import { interfaceNameProblem } from './interface-name.js';
import { readIpPrefix } from './ip-prefix.js';
import type { SchemaContext } from './schema-context.js';

/** 00-00-5E-00-01-{VRID} (IPv4) and 00-00-5E-00-02-{VRID} (IPv6), RFC 5798 §7.3. */
const VRRP_MAC_PREFIX = '00:00:5e:00:0';
const MAC = /^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/;
const IPVLAN_MODES = ['bridge', 'private', 'vepa'] as const;

export type VmacInterface = Pick<VmacSpec, 'kind' | 'interfaceName' | 'macAddress' | 'ipvlanAddress' | 'ipvlanMode'>;

export function readVmac(statement: Statement, context: SchemaContext): VmacInterface | null {
  const kind = statement.keyword.text === 'use_ipvlan' ? 'ipvlan' : 'macvlan';
  const spec: { -readonly [K in keyof VmacInterface]: VmacInterface[K] } = {
    kind, interfaceName: null, macAddress: null, ipvlanAddress: null, ipvlanMode: null,
  };
  for (const word of statement.args) {
    const mode = IPVLAN_MODES.find((m) => m === word.text);
    if (kind === 'macvlan' && MAC.test(word.text)) {
      const mac = word.text.toLowerCase();
      if (mac.startsWith(VRRP_MAC_PREFIX)) {
        // keepalived: "VMAC MAC address not allowed to be RFC5798 address (…) - ignoring", a configuration error for -t.
        context.warning(
          word.location,
          `use_vmac: ${word.text} is a VRRP MAC address (RFC 5798 §7.3), which the VMAC gets anyway, so it is ignored ` +
            "(as keepalived does; its -t counts this as a configuration error); remove it or give another MAC",
          'keepalivedConfigError',
        );
      } else spec.macAddress = mac;
    }
    else if (kind === 'ipvlan' && mode !== undefined) spec.ipvlanMode = mode;
    else if (kind === 'ipvlan' && /^[0-9a-fA-F:.]+(\/\d+)?$/.test(word.text) && /[.:]/.test(word.text)) {
      const prefix = readIpPrefix(word, 'use_ipvlan', context);
      if (prefix === null) return null;
      spec.ipvlanAddress = prefix;
    } else if (spec.interfaceName === null && interfaceNameProblem(word.text) === null) {
      spec.interfaceName = word.text;
    } else {
      context.error(word.location, `${statement.keyword.text}: unexpected "${word.text}" (expected ${kind === 'macvlan' ? 'an interface name and a MAC address' : 'an interface name, ADDR/LEN and bridge, private or vepa'})`);
      return null;
    }
  }
  return spec;
}
