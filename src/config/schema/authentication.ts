/**
 * `authentication { auth_type PASS|AH; auth_pass TEXT }` (keepalived.conf(5)
 * "VRRP instance(s)"; reference §1): VRRPv2 only; only the first 8 bytes of
 * the password (as UTF-8) are used, zero padded on the wire (RFC 3768 §5.3.10
 * leaves 8 bytes for it).
 *
 * Reading collects what the block says; resolving decides, once the
 * instance's version is known, what the instance runs with. Where keepalived
 * would quietly run without authentication (AH, which vipd does not implement
 * yet; PASS with no password), vipd refuses the configuration instead: running
 * unauthenticated when authentication was asked for would weaken it silently.
 */
import type { Statement } from '../block-parser.js';
import { V2_AUTH_DATA_BYTES, type VrrpVersion } from '../../codec/advert.js';
import type { InstanceAuthentication } from '../../protocol/instance-config.js';
import type { SourceLocation } from '../config-types.js';
import { requireBlock, singleValue } from './arguments.js';
import { replaceSetting, type SchemaContext, type Setting } from './schema-context.js';
import { dispatchStatements, type HandlerTable } from './statement-dispatch.js';

export type AuthType = 'PASS' | 'AH';

/** The authentication blocks of one instance, as written (several blocks add up). */
export interface AuthenticationDraft {
  /** The first authentication block. */
  readonly location: SourceLocation;
  /** An auth_type line appeared, valid or not (so a bad one is not also reported as missing). */
  typeWritten: boolean;
  type?: Setting<AuthType>;
  password?: Setting<string>;
}

const HANDLERS: HandlerTable<'authentication', AuthenticationDraft> = {
  auth_type(statement, draft, context) {
    draft.typeWritten = true;
    const value = singleValue(statement, context, 'auth_type PASS|AH');
    if (value === null) return;
    if (value.text !== 'PASS' && value.text !== 'AH') {
      context.error(value.location, `auth_type must be PASS or AH (in capitals), not "${value.text}"`);
      return;
    }
    draft.type = replaceSetting(draft.type, { value: value.text, location: value.location }, 'auth_type', context);
  },

  auth_pass(statement, draft, context) {
    const value = singleValue(statement, context, 'auth_pass PASSWORD');
    if (value === null) return;
    draft.password = replaceSetting(draft.password, { value: value.text, location: value.location }, 'auth_pass', context);
  },
};

/** Reads one `authentication { … }` block into the instance's draft (created on first use). */
export function readAuthentication(
  statement: Statement,
  draft: AuthenticationDraft | undefined,
  context: SchemaContext,
): AuthenticationDraft | undefined {
  const block = requireBlock(statement, context, 'authentication { auth_type PASS; auth_pass PASSWORD }');
  if (block === null) return draft;
  const into: AuthenticationDraft = draft ?? { location: statement.location, typeWritten: false };
  dispatchStatements(block.children, 'authentication', HANDLERS, into, context);
  return into;
}

/**
 * What the instance runs with; null when the block is a configuration error
 * (reported). `version` is the instance's resolved VRRP version.
 */
export function resolveAuthentication(
  draft: AuthenticationDraft | undefined,
  version: VrrpVersion,
  context: SchemaContext,
  initialState: 'MASTER' | 'BACKUP' | null = null,
): InstanceAuthentication | null {
  if (draft === undefined) return { kind: 'none' };
  if (version === 3) {
    // keepalived: "VRRP version 3 does not support authentication. Ignoring." (vrrp.c).
    context.warning(draft.location, 'authentication is ignored with VRRPv3 (as keepalived does); remove the block');
    return { kind: 'none' };
  }
  const type = draft.type;
  if (type === undefined) {
    if (draft.typeWritten) return { kind: 'none' }; // the bad auth_type is reported already
    context.warning(draft.location, 'authentication has no auth_type, so it is ignored; add "auth_type PASS" to use it');
    return { kind: 'none' };
  }
  switch (type.value) {
    case 'AH': {
      // keepalived 2.2.7 -t: "(VI_1) Initial state master is incompatible with AH authentication - clearing", exit 5.
      const master =
        initialState === 'MASTER'
          ? '; besides, state MASTER does not go with AH (keepalived reports it and starts as BACKUP), so write state BACKUP'
          : '';
      context.error(
        type.location,
        `auth_type AH is not supported yet; use auth_type PASS, or remove the authentication block on every router${master}`,
      );
      return null;
    }
    case 'PASS':
      return simpleText(draft.password, type.location, context);
  }
}

function simpleText(
  password: Setting<string> | undefined,
  typeLocation: SourceLocation,
  context: SchemaContext,
): InstanceAuthentication | null {
  if (password === undefined || password.value === '') {
    context.error(
      password?.location ?? typeLocation,
      'auth_type PASS needs a non-empty auth_pass (keepalived would quietly run without authentication)',
    );
    return null;
  }
  const bytes = new TextEncoder().encode(password.value);
  if (bytes.length > V2_AUTH_DATA_BYTES) {
    // keepalived: "Truncating auth_pass to 8 characters". The password itself is not repeated here.
    context.warning(
      password.location,
      `auth_pass is ${bytes.length} bytes long; only its first ${V2_AUTH_DATA_BYTES} are used, as in keepalived`,
    );
  }
  // The advert builder zero-pads to the 8 bytes of Authentication Data (protocol/advert-builder.ts).
  return { kind: 'simpleText', password: bytes.slice(0, V2_AUTH_DATA_BYTES) };
}
