package io.updraft.logforwarder.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Syslog over TLS (RFC 5425) or, to loopback, plain TCP (RFC 6587), one connection kept open. RFC 5425 has no
 * acknowledgement: {@link #send} only writes, and the forwarder counts a batch as delivered once the connection it
 * went on is still {@link #open} confirmDelay after the write (see {@link ConfirmationWindow}). Open right after
 * the write proves nothing: the bytes may still wait unread in the relay's socket buffer, and a relay that stops
 * then resets the connection and never stores them. Once the relay has had confirmDelay to read them, a graceful
 * stop or restart either finds them read (and a relay that drains or saves its queue on shutdown stores them) or
 * closes or resets the connection before the probe, and they are sent again on a new connection. What a relay had
 * read but not yet stored when it died hard cannot be seen from here: use OTLP where that matters.
 *
 * <p>Every chunk written must leave within timeout, or {@link WriteWatchdog} closes the connection under the writer:
 * a relay that accepted the connection and stopped reading fails the write like a broken connection, instead of
 * blocking it for as long as the kernel keeps retransmitting. {@link #close} may come from another thread while a
 * write blocks (a stopping forwarder) and ends that write the same way.
 */
final class SyslogSender implements Sender {
    /** How long a probe waits for the peer's close or reset; the relay never sends data, so silence means open. */
    private static final int PROBE_MILLIS = 1;
    /** One TLS record's worth: progress is timed per chunk, so a slow but reading relay is not cut off. */
    private static final int CHUNK = 16 * 1024;

    private final String host;
    private final int port;
    private final SSLContext tls;
    private final int timeoutMillis;
    private final SyslogFormat format;
    private final RateLimiter pacer;
    private final long idleProbeNanos;
    private volatile Socket socket;
    /** The TCP socket under the TLS one; closing it ends a blocked write without waiting for TLS's write lock. */
    private volatile Socket tcp;
    private volatile OutputStream out;
    private long connections;
    private long connection;
    /** System.nanoTime() of the last write. */
    private long writtenAt;

    /** @param tls the TLS context, or null for plain TCP (loopback or allowInsecure only; {@link Settings} checks) */
    SyslogSender(Settings settings, SSLContext tls, SyslogFormat format, RateLimiter pacer) {
        this.host = settings.url().getHost();
        this.port = settings.url().getPort();
        this.tls = tls;
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis());
        this.format = format;
        this.pacer = pacer;
        this.idleProbeNanos = settings.confirmDelay().toNanos();
    }

    @Override
    public Delivery send(List<Outgoing> batch) throws IOException {
        ByteArrayOutputStream frames = new ByteArrayOutputStream(batch.size() * 256);
        for (Outgoing o : batch) {
            frames.write(format.frame(o));
        }
        if (socket != null && System.nanoTime() - writtenAt >= idleProbeNanos && !open()) {
            // Closed by the relay while idle: reconnect now rather than write into a dead connection. Back to back
            // writes skip this probe; a write into a connection that broke meanwhile is caught by the forwarder's.
            close();
        }
        if (socket == null) {
            connect();
        }
        pacer.acquire(frames.size());
        byte[] bytes = frames.toByteArray();
        Socket wire = tcp;
        OutputStream o = out;
        AtomicBoolean timedOut = new AtomicBoolean();
        try {
            if (o == null) {
                throw new IOException("connection closed");
            }
            for (int at = 0; at < bytes.length; at += CHUNK) {
                ScheduledFuture<?> deadline = WriteWatchdog.arm(timeoutMillis, () -> {
                    timedOut.set(true);
                    abort(wire);
                });
                try {
                    o.write(bytes, at, Math.min(CHUNK, bytes.length - at));
                    o.flush();
                } finally {
                    deadline.cancel(false);
                }
            }
            writtenAt = System.nanoTime();
        } catch (IOException e) {
            close();
            String why = timedOut.get() ? "the relay read nothing for " + timeoutMillis + " ms (timeout)" : e.getMessage();
            throw new IOException("syslog relay " + host + ":" + port + ": writing failed: " + why, e);
        }
        return new Delivery(batch.size(), 0, frames.size(), "");
    }

    @Override
    public boolean acknowledges() {
        return false;
    }

    @Override
    public long connection() {
        return socket == null ? 0 : connection;
    }

    @Override
    public boolean open() {
        return socket != null && alive();
    }

    /** Probes the open connection; closes it and answers false if the peer closed or reset it. */
    private boolean alive() {
        Socket s = socket;
        if (s == null) {
            return false;
        }
        try {
            s.setSoTimeout(PROBE_MILLIS);
            InputStream in = s.getInputStream();
            int b = in.read();
            if (b < 0) {
                close();
                return false;
            }
            // A relay has nothing to say on this channel; a stray byte does not make the connection broken.
            return true;
        } catch (SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            close();
            return false;
        } finally {
            restoreTimeout(s);
        }
    }

    private void restoreTimeout(Socket s) {
        if (socket == s) {
            try {
                s.setSoTimeout(timeoutMillis);
            } catch (IOException e) {
                close();
            }
        }
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        Socket plain = s;
        try {
            s.connect(new InetSocketAddress(host, port), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            s.setTcpNoDelay(true);
            if (tls != null) {
                SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(s, host, port, true);
                SSLParameters parameters = ssl.getSSLParameters();
                // Host name checked like for HTTPS: against the certificate's DNS or IP subject alternative names.
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(parameters);
                ssl.startHandshake();
                s = ssl;
            }
        } catch (IOException e) {
            s.close();
            throw new IOException("syslog relay " + host + ":" + port + ": cannot connect"
                    + (tls != null ? " over TLS" : "") + ": " + e.getMessage(), e);
        }
        tcp = plain;
        socket = s;
        connection = ++connections;
        // Unbuffered: send hands over whole chunks, and each must reach the socket within its deadline.
        out = s.getOutputStream();
    }

    /** Whether a connection is open now. */
    boolean connected() {
        return socket != null;
    }

    /**
     * Closes the connection; safe from another thread while a write blocks. The TCP socket goes first: a TLS close
     * would send close_notify and wait for the write lock that the blocked writer holds.
     */
    @Override
    public synchronized void close() {
        Socket s = socket;
        Socket wire = tcp;
        socket = null;
        tcp = null;
        out = null;
        if (s != null && s != wire) {
            abort(wire);
        }
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // Closing a connection that already broke; nothing to save.
            }
        }
    }

    private static void abort(Socket wire) {
        if (wire != null) {
            try {
                wire.close();
            } catch (IOException e) {
                // Already closed: the write it was meant to end has ended.
            }
        }
    }
}
