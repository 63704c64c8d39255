/**
 * Corpus cases too large to commit, made from templates: a file of 255
 * instances (every VRID once, spread over several interfaces, each with
 * addresses and PASS authentication), and a main file that includes many.
 */

/** The interfaces the large file spreads its instances over. */
export const LARGE_FILE_INTERFACES = ['eth0', 'eth1', 'eth2', 'bond0', 'vlan100'] as const;

/** `count` (≤ 255) vrrp_instance blocks with distinct VRIDs, as a tutorial writes them. */
export function manyInstancesFile(count: number): string {
  const blocks = ['global_defs {', '    router_id lb-large', '    vrrp_garp_master_delay 1', '}', ''];
  for (let vrid = 1; vrid <= count; vrid++) {
    const iface = LARGE_FILE_INTERFACES[vrid % LARGE_FILE_INTERFACES.length] ?? 'eth0';
    blocks.push(
      `vrrp_instance VI_${vrid} {`,
      `    state ${vrid % 2 === 0 ? 'MASTER' : 'BACKUP'}`,
      `    interface ${iface}`,
      `    virtual_router_id ${vrid}`,
      `    priority ${vrid % 2 === 0 ? 150 : 100}`,
      '    advert_int 1',
      '    authentication {',
      '        auth_type PASS',
      `        auth_pass pw${vrid}`,
      '    }',
      '    virtual_ipaddress {',
      `        10.${vrid}.0.1/24 dev ${iface}`,
      `        10.${vrid}.0.2/24`,
      `        10.${vrid}.1.1/24 label ${iface}:${vrid}`,
      '    }',
      '}',
      '',
    );
  }
  return blocks.join('\n');
}

/**
 * A main file including `count` files, one instance each, through a glob,
 * brace alternatives and nested includes: name → text.
 */
export function manyIncludesFiles(count: number): Record<string, string> {
  const files: Record<string, string> = {
    'many-includes.conf': ['include many-includes/global.conf', 'include many-includes/{vrrp,extra}/*.conf'].join('\n'),
    'many-includes/global.conf': 'global_defs {\n    router_id many\n}\n',
    'many-includes/extra/nested.conf': 'include ../deeper/*.conf\n',
  };
  for (let i = 1; i <= count; i++) {
    const folder = i % 4 === 0 ? 'deeper' : 'vrrp';
    files[`many-includes/${folder}/vi-${String(i).padStart(3, '0')}.conf`] = [
      `vrrp_instance VI_${i} {`,
      `    interface eth${i % 3}`,
      `    virtual_router_id ${i}`,
      '    virtual_ipaddress {',
      `        192.168.${i}.1/24`,
      '    }',
      '}',
      '',
    ].join('\n');
  }
  return files;
}
