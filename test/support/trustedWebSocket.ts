// Node 20 has no global WebSocket, which Amplify v6 and aws-appsync-subscription-link construct
// as a browser's (`new WebSocket(url, protocols)`). This is `ws`'s, trusting one more certificate
// (the local stack's self-signed one) for its own connections alone: verification stays on, and
// nothing global about TLS changes.
import WebSocket from 'ws';

export type WebSocketClass = new (url: string | URL, protocols?: string | string[]) => WebSocket;

/** `onOpen` is told of every connection made, with its URL, so that a test can watch it. */
export function webSocketTrusting(
  ca: string,
  onOpen: (socket: WebSocket, url: string) => void = () => undefined,
): WebSocketClass {
  return class TrustingWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { ca });
      onOpen(this, String(url));
    }
  };
}

/** Makes `WebSocket` a global, as in a browser or Node 22; returns how to undo it. */
export function installGlobalWebSocket(webSocket: WebSocketClass): () => void {
  const had = Object.getOwnPropertyDescriptor(globalThis, 'WebSocket');
  Object.defineProperty(globalThis, 'WebSocket', { value: webSocket, configurable: true, writable: true });
  return () => {
    if (had) Object.defineProperty(globalThis, 'WebSocket', had);
    else Reflect.deleteProperty(globalThis, 'WebSocket');
  };
}
