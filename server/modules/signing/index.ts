export { registerSigningRoutes } from './signing.routes.ts';
export { ed25519Provider, sha256Hex, signatureProviders, providersOf, type SignatureProvider, type SignatureProviders, type KeyMaterial } from './signer.ts';
