import { Socket } from 'node:net';

/**
 * Resolves true when something accepts TCP connections on host:port within `timeoutMs`.
 * Used to tell "free port" from "port taken" before asking whether the listener speaks Kafka.
 */
export function isPortOpen(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const finish = (open: boolean): void => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs);
    socket.once('connect', () => finish(true));
    socket.once('timeout', () => finish(false));
    socket.once('error', () => finish(false));
    socket.connect(port, host);
  });
}
