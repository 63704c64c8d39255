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
    if (kind === 'macvlan' && MAC.test(word.text)) spec.macAddress = word.text.toLowerCase();
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
