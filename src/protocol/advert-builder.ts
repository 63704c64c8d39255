/** The advert this instance sends at a given priority (RFC 5798 §5.2, RFC 3768 §5.3). */
import { V2_AUTH_DATA_BYTES, type Advert, type V2Authentication } from '../codec/advert.js';
import { isIpv4 } from '../primitives/ip-address.js';
import type { Priority } from '../primitives/vrrp-numbers.js';
import type { InstanceAuthentication, InstanceConfig } from './instance-config.js';

export function buildAdvert(config: InstanceConfig, priority: Priority): Advert {
  if (config.version === 3) {
    return {
      version: 3,
      vrid: config.vrid,
      priority,
      interval: config.advertInterval,
      addresses: config.virtualAddresses,
    };
  }
  return {
    version: 2,
    vrid: config.vrid,
    priority,
    interval: config.advertInterval,
    // v2 is IPv4 only; the config layer refuses anything else for a v2 instance.
    addresses: config.virtualAddresses.filter(isIpv4),
    authentication: v2Authentication(config.authentication),
  };
}

/** The 8 Authentication Data bytes: the password truncated and zero padded (RFC 3768 §5.3.10). */
export function authenticationData(auth: InstanceAuthentication): Uint8Array {
  const data = new Uint8Array(V2_AUTH_DATA_BYTES);
  if (auth.kind === 'simpleText') data.set(auth.password.subarray(0, V2_AUTH_DATA_BYTES));
  return data;
}

function v2Authentication(auth: InstanceAuthentication): V2Authentication {
  switch (auth.kind) {
    case 'none':
      return { type: 'none', data: authenticationData(auth) };
    case 'simpleText':
      return { type: 'simpleText', data: authenticationData(auth) };
    case 'ipsecAh':
      // RFC 3768 §5.3.6 Auth Type 2; the Authentication Data stays zero (the ICV is in the AH header).
      return { type: 'ipAh', data: authenticationData(auth) };
  }
}
