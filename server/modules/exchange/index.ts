export { registerExchangeRoutes } from './exchange.routes.ts';
export { peerProof } from './exchange.proof.ts';
export { enqueueForPeers, relayOnce, escalateWaiting, backoffMs, requestGaps } from './exchange.outbox.ts';
export { receive } from './exchange.inbox.ts';
export { trustBundle, openTrustBundle, rotateKeys } from './exchange.keys.ts';
export { httpTransport, type PeerTransport, type PeerRequest, type PeerResponse } from './exchange.transport.ts';
export { linkState, importPeer } from './exchange.service.ts';
export { checkpointPeers } from './exchange.checkpoints.ts';
