package io.updraft.logforwarder.internal;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;

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
 */
final class SyslogSender implements Sender {
    /** How long a probe waits for the peer's close or reset; the relay never sends data, so silence means open. */
    private static final int PROBE_MILLIS = 1;

    private final String host;
    private final int port;
    private final SSLContext tls;
    private final int timeoutMillis;
    private final SyslogFormat format;
    private final RateLimiter pacer;
    private final long idleProbeNanos;
    private Socket socket;
    private OutputStream out;
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
        try {
            frames.writeTo(out);
            out.flush();
            writtenAt = System.nanoTime();
        } catch (IOException e) {
            close();
            throw new IOException("syslog relay " + host + ":" + port + ": writing failed: " + e.getMessage(), e);
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
        try {
            socket.setSoTimeout(PROBE_MILLIS);
            InputStream in = socket.getInputStream();
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
            restoreTimeout();
        }
    }

    private void restoreTimeout() {
        if (socket != null) {
            try {
                socket.setSoTimeout(timeoutMillis);
            } catch (IOException e) {
                close();
            }
        }
    }

    private void connect() throws IOException {
        Socket s = new Socket();
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
        socket = s;
        connection = ++connections;
        out = new BufferedOutputStream(s.getOutputStream(), 64 * 1024);
    }

    /** Whether a connection is open now. */
    boolean connected() {
        return socket != null;
    }

    @Override
    public void close() {
        Socket s = socket;
        socket = null;
        out = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // Closing a connection that already broke; nothing to save.
            }
        }
    }
}
