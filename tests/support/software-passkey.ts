// A passkey authenticator in software, for tests that check the server's WebAuthn verification
// without a browser: an ES256 key pair that answers registration and assertion challenges exactly
// as an authenticator with attestation "none" would, and can be told to lie (another origin,
// another RP ID, a counter that does not move).
import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import { isoCBOR } from "@simplewebauthn/server/helpers";

const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest();
const b64u = (data: Uint8Array) => Buffer.from(data).toString("base64url");

export class SoftwarePasskey {
  readonly credentialId = b64u(randomBytes(16));
  counter = 0;
  private readonly keys = generateKeyPairSync("ec", { namedCurve: "P-256" });

  constructor(readonly rpID: string, readonly origin: string) {}

  private cosePublicKey(): Uint8Array {
    const jwk = this.keys.publicKey.export({ format: "jwk" });
    const key = new Map<number, number | Uint8Array>([
      [1, 2], [3, -7], [-1, 1], [-2, Buffer.from(jwk.x!, "base64url")], [-3, Buffer.from(jwk.y!, "base64url")],
    ]);
    return isoCBOR.encode(key);
  }

  private authenticatorData(flags: number, counter: number, rpID: string, attested?: Uint8Array): Buffer {
    const count = Buffer.alloc(4);
    count.writeUInt32BE(counter);
    return Buffer.concat([sha256(rpID), Buffer.from([flags]), count, ...(attested ? [attested] : [])]);
  }

  private clientData(type: string, challenge: string, origin: string): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  register(challenge: string, lie: { origin?: string } = {}): RegistrationResponseJSON {
    const id = Buffer.from(this.credentialId, "base64url");
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(id.length);
    const attested = Buffer.concat([Buffer.alloc(16), idLength, id, this.cosePublicKey()]);
    // User present, user verified, attested credential data included.
    const authData = this.authenticatorData(0x45, this.counter, this.rpID, attested);
    const attestationObject = isoCBOR.encode(new Map<string, unknown>([["fmt", "none"], ["attStmt", new Map()], ["authData", authData]]) as never);
    return {
      id: this.credentialId, rawId: this.credentialId, type: "public-key", clientExtensionResults: {},
      response: { clientDataJSON: b64u(this.clientData("webauthn.create", challenge, lie.origin ?? this.origin)), attestationObject: b64u(attestationObject), transports: ["internal"] },
    };
  }

  /** An assertion; the counter moves by one unless told otherwise. */
  assert(challenge: string, lie: { origin?: string; rpID?: string; counter?: number; credentialId?: string } = {}): AuthenticationResponseJSON {
    const counter = lie.counter ?? ++this.counter;
    const authData = this.authenticatorData(0x05, counter, lie.rpID ?? this.rpID);
    const clientDataJSON = this.clientData("webauthn.get", challenge, lie.origin ?? this.origin);
    const signature = sign("sha256", Buffer.concat([authData, sha256(clientDataJSON)]), this.keys.privateKey);
    const id = lie.credentialId ?? this.credentialId;
    return {
      id, rawId: id, type: "public-key", clientExtensionResults: {},
      response: { clientDataJSON: b64u(clientDataJSON), authenticatorData: b64u(authData), signature: b64u(signature) },
    };
  }
}
