export { registerSigningRoutes } from './signing.routes.ts';
export { ed25519Provider, sha256Hex, type SignatureProvider, type KeyMaterial } from './signer.ts';
