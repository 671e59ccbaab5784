// How long a retry with an idempotency key waits for a concurrent attempt with the same key to
// answer before it gives up with SERVICE_UNAVAILABLE. The functions' timeout (infra/) must exceed it.
export const MAX_WAIT_MS = 15_000;
