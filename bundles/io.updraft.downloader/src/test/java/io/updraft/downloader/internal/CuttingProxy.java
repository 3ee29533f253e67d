package io.updraft.downloader.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 that cuts every connection (reset, both sides) after a random number of bytes from the
 * server, drawn between {@code minBytes} and {@code maxBytes} from a seeded generator.
 */
final class CuttingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final Random random;
    private final long minBytes;
    private final long maxBytes;
    private final AtomicInteger cuts = new AtomicInteger();
    private final AtomicLong forwarded = new AtomicLong();
    private volatile boolean closed;

    CuttingProxy(int targetPort, long seed, long minBytes, long maxBytes) throws IOException {
        this.targetPort = targetPort;
        this.random = new Random(seed);
        this.minBytes = minBytes;
        this.maxBytes = maxBytes;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "cutting-proxy");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Connections cut so far. */
    int cuts() {
        return cuts.get();
    }

    /** Bytes from the server passed on to the client, headers included. */
    long forwarded() {
        return forwarded.get();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                long limit;
                synchronized (random) {
                    limit = minBytes + (long) (random.nextDouble() * (maxBytes - minBytes));
                }
                Socket server = new Socket();
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2000);
                pump("proxy-up", client, server, Long.MAX_VALUE, false);
                pump("proxy-down", server, client, limit, true);
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("cutting proxy: " + e);
                }
            }
        }
    }

    private void pump(String name, Socket from, Socket to, long limit, boolean count) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            long passed = 0;
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buf, 0, (int) Math.min(buf.length, limit - passed))) > 0;) {
                    out.write(buf, 0, n);
                    passed += n;
                    if (count) {
                        forwarded.addAndGet(n);
                    }
                    if (passed >= limit) {
                        cuts.incrementAndGet();
                        break;
                    }
                }
            } catch (IOException e) {
                // The other direction closed the sockets.
            } finally {
                reset(from);
                reset(to);
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
            s.close();
        } catch (IOException e) {
            // Already closed.
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
    }
}
