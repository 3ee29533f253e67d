package io.updraft.services.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.updraft.install.ComponentSpec;
import io.updraft.install.InstallException;
import io.updraft.install.ServiceSpec;

/** The order in which a component's services start: each after those it names in {@code after}. */
final class ServiceOrder {
    private ServiceOrder() {
    }

    /**
     * The services in start order; among services free to start, declaration order wins, so the result is the same on
     * every run.
     *
     * @throws InstallException {@code SERVICE_FAILED} naming the services that wait for each other
     */
    static List<ServiceSpec> startOrder(ComponentSpec component) throws InstallException {
        Map<String, ServiceSpec> pending = new LinkedHashMap<>();
        for (ServiceSpec s : component.services()) {
            pending.put(s.name(), s);
        }
        List<ServiceSpec> order = new ArrayList<>();
        while (!pending.isEmpty()) {
            ServiceSpec next = null;
            for (ServiceSpec s : pending.values()) {
                if (s.after().stream().noneMatch(pending::containsKey)) {
                    next = s;
                    break;
                }
            }
            if (next == null) {
                throw new InstallException(InstallException.Reason.SERVICE_FAILED, "component " + component.name()
                        + ": services " + String.join(", ", pending.keySet())
                        + " wait for each other in their 'after' lists (a cycle); none of them can start first");
            }
            pending.remove(next.name());
            order.add(next);
        }
        return order;
    }

    /** The services in stop order: the reverse of the start order, so a service stops before those it needs. */
    static List<ServiceSpec> stopOrder(ComponentSpec component) throws InstallException {
        List<ServiceSpec> order = new ArrayList<>(startOrder(component));
        Collections.reverse(order);
        return order;
    }
}
