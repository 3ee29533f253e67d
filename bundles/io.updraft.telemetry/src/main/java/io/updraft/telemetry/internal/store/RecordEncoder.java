package io.updraft.telemetry.internal.store;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

import com.fasterxml.jackson.core.JsonGenerator;

import io.updraft.telemetry.TelemetryEvent;

/**
 * Turns events into framed records ({@link RecordFormat}) with the payload of {@link EventCodec}, byte for byte
 * what {@code RecordFormat.frame(codec.encode(e))} gives, without a fresh buffer, generator or checksum per event:
 * one generator writes every record into one growing buffer, and the header is filled in place in front of the
 * payload. Not thread-safe; the store uses it under its lock.
 */
final class RecordEncoder {
    private final EventCodec codec;
    private final Sink sink = new Sink();
    private final CRC32C crc = new CRC32C();
    private final InstantText timestamps = new InstantText();
    private JsonGenerator generator;
    private ByteBuffer view;

    RecordEncoder(EventCodec codec) {
        this.codec = codec;
    }

    /**
     * The framed record of {@code e}, valid until the next call.
     *
     * @throws IllegalArgumentException if the payload is larger than a record may be
     */
    ByteBuffer encode(TelemetryEvent e) {
        sink.reset();
        try {
            if (generator == null) {
                generator = codec.recordGenerator(sink);
            }
            codec.write(generator, e, timestamps);
            generator.flush();
        } catch (IOException | RuntimeException ex) {
            // The generator may be left inside an unfinished object; the next record starts with a new one.
            generator = null;
            if (ex instanceof IOException io) {
                throw new UncheckedIOException("cannot encode telemetry event " + e.id(), io);
            }
            throw (RuntimeException) ex;
        }
        byte[] buf = sink.buf;
        int length = sink.count - RecordFormat.HEADER;
        RecordFormat.checkPayload(length);
        crc.reset();
        RecordFormat.header(length, crc, buf, 0);
        if (view == null || view.array() != buf) {
            view = ByteBuffer.wrap(buf);
        }
        return view.limit(sink.count).position(0);
    }

    /** A byte array output stream without locking, whose buffer the encoder frames in place. */
    private static final class Sink extends OutputStream {
        private static final int INITIAL = 1024;
        /** A buffer grown past this for an unusually large event is let go rather than kept for good. */
        private static final int KEPT = 64 * 1024;
        byte[] buf = new byte[INITIAL];
        int count;

        /** Empties the buffer but for the room of a record header. */
        void reset() {
            if (buf.length > KEPT) {
                buf = new byte[INITIAL];
            }
            count = RecordFormat.HEADER;
        }

        private void ensure(int extra) {
            if (count + extra > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + extra));
            }
        }

        @Override
        public void write(int b) {
            ensure(1);
            buf[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, buf, count, len);
            count += len;
        }
    }
}
