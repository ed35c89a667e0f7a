/**
 * A real TCP relay on loopback that passes client → server bytes at a fixed
 * rate, so an upload is still under way when a test kills the laptop.
 */
import net from 'node:net';
import { afterEach } from 'vitest';

export interface SlowProxy {
  port: number;
  close(): Promise<void>;
}

const open: SlowProxy[] = [];

export async function startSlowProxy(targetPort: number, bytesPerSecond: number): Promise<SlowProxy> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    upstream.pipe(client);
    client.on('data', (chunk: Buffer) => {
      client.pause();
      upstream.write(chunk);
      setTimeout(() => client.resume(), (chunk.length / bytesPerSecond) * 1000);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  const proxy: SlowProxy = {
    port: address.port,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  open.push(proxy);
  return proxy;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((p) => p.close()));
});
