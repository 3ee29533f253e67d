package io.updraft.scheduler.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Keeps what is posted; sending synchronously is refused, since the scheduler must never wait for handlers. */
final class FakeEventAdmin implements EventAdmin {
    final List<Event> posted = new CopyOnWriteArrayList<>();

    @Override
    public void postEvent(Event event) {
        posted.add(event);
    }

    @Override
    public void sendEvent(Event event) {
        throw new AssertionError("sendEvent would block the scheduler on event handlers: " + event);
    }

    List<Event> topic(String topic) {
        return posted.stream().filter(e -> e.getTopic().equals(topic)).toList();
    }
}
