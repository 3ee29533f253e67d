package io.updraft.fs;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import org.junit.Test;

/** The count follows every way of moving through the stream and stops at its end. */
public class CountingInputStreamTest {
    @Test
    public void readsAndSkipsAreCountedAndTheEndIsNot() throws IOException {
        byte[] data = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        try (CountingInputStream in = new CountingInputStream(new ByteArrayInputStream(data))) {
            assertEquals(1, in.read());
            assertEquals(1, in.count());
            byte[] buf = new byte[3];
            assertEquals(3, in.read(buf));
            assertArrayEquals(new byte[] {2, 3, 4}, buf);
            assertEquals(4, in.count());
            assertEquals(2, in.skip(2));
            assertEquals(6, in.count());
            assertEquals(4, in.read(new byte[16], 0, 16));
            assertEquals(10, in.count());
            assertEquals(-1, in.read());
            assertEquals(-1, in.read(buf, 0, 3));
            assertEquals(0, in.skip(5));
            assertEquals("the count ends exactly at the size", data.length, in.count());
        }
    }

    @Test
    public void markIsNotOfferedEvenWhenTheWrappedStreamHasIt() throws IOException {
        try (CountingInputStream in = new CountingInputStream(new ByteArrayInputStream(new byte[4]))) {
            assertFalse(in.markSupported());
        }
    }
}
