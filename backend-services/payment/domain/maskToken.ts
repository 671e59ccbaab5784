// A payment token as logs may show it: enough to find it, not enough to use it.

export function maskToken(paymentToken: string): string {
  return paymentToken.length <= 8 ? '…' : `${paymentToken.slice(0, 3)}…${paymentToken.slice(-4)}`;
}
