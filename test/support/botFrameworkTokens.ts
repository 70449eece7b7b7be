// Bot Framework tokens for tests: a local OpenID metadata endpoint publishing our own signing key,
// and a signer, so authentication is exercised for real without reaching Microsoft.
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const CHANNEL_ISSUER = 'https://api.botframework.com';

export interface TokenAuthority {
  metadataUrl: string;
  /** Signs a token with the published key (or with `key`, e.g. an unknown one). */
  sign(claims: Record<string, unknown>, options?: { key?: KeyObject; kid?: string }): string;
  stop(): Promise<void>;
}

const b64url = (value: object | Buffer) => (Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value))).toString('base64url');

export async function startTokenAuthority(): Promise<TokenAuthority> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' });
  const kid = 'test-key-1';
  const server = http.createServer((req, res) => {
    const port = (server.address() as AddressInfo).port;
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openid-configuration') {
      res.end(JSON.stringify({ issuer: CHANNEL_ISSUER, jwks_uri: `http://127.0.0.1:${port}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    } else if (req.url === '/keys') {
      res.end(JSON.stringify({ keys: [{ ...jwk, kid, use: 'sig', alg: 'RS256', endorsements: ['msteams'] }] }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    metadataUrl: `http://127.0.0.1:${port}/.well-known/openid-configuration`,
    sign: (claims, options = {}) => {
      const now = Math.floor(Date.now() / 1000);
      const header = b64url({ alg: 'RS256', typ: 'JWT', kid: options.kid ?? kid });
      const payload = b64url({ iss: CHANNEL_ISSUER, nbf: now - 60, iat: now - 60, exp: now + 3600, ...claims });
      const signature = createSign('RSA-SHA256')
        .update(`${header}.${payload}`)
        .sign(options.key ?? privateKey);
      return `${header}.${payload}.${b64url(signature)}`;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
