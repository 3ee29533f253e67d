package io.updraft.checker.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.updraft.update.Offer;
import io.updraft.update.SourceException;
import io.updraft.update.UpdateSource;

/** An update source that offers what a test sets, or fails as told, and counts how often it was asked. */
class FakeSource implements UpdateSource {
    private final String name;
    private volatile List<Offer> offers = new ArrayList<>();
    private volatile Exception failure;
    final AtomicInteger asked = new AtomicInteger();

    FakeSource(String name) {
        this.name = name;
    }

    FakeSource offering(Offer... o) {
        offers = List.of(o);
        failure = null;
        return this;
    }

    FakeSource failing(Exception e) {
        failure = e;
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Offer> offers() throws SourceException {
        asked.incrementAndGet();
        Exception f = failure;
        if (f instanceof SourceException) {
            throw (SourceException) f;
        }
        if (f != null) {
            throw (RuntimeException) f;
        }
        return offers;
    }
}
