package io.updraft.source.repository.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.Version;
import org.osgi.util.converter.Converters;

import io.updraft.update.UpdateSource;
import io.updraft.verifier.UpdateVerifier;
import io.updraft.verifier.internal.VerifierComponent;

/** The DS entry point: configuration in, an UpdateSource service with its name property out. */
public class ComponentTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final List<Object[]> registered = new ArrayList<>();
    private final List<String> unregistered = new ArrayList<>();

    private BundleContext context() {
        Bundle bundle = proxy(Bundle.class, (method, args) -> method.equals("getVersion") ? new Version(1, 2, 3) : null);
        ServiceRegistration<?> registration = proxy(ServiceRegistration.class, (method, args) -> {
            if (method.equals("unregister")) {
                unregistered.add("unregister");
            }
            return null;
        });
        return proxy(BundleContext.class, (method, args) -> {
            if (method.equals("getBundle")) {
                return bundle;
            }
            if (method.equals("registerService")) {
                registered.add(args);
                return registration;
            }
            throw new UnsupportedOperationException(method);
        });
    }

    private UpdateVerifier verifier() {
        return new VerifierComponent(Converters.standardConverter()
                .convert(Map.of("home", tmp.getRoot().toPath().resolve("home").toString()))
                .to(VerifierComponent.Config.class));
    }

    @Test
    public void registersItselfUnderItsName() throws Exception {
        Map<String, Object> properties = TestSettings.properties("http://127.0.0.1:8700/", tmp.getRoot().toPath());
        properties.put("name", "staging");
        RepositorySource source = new RepositorySource(TestSettings.config(properties), verifier(), context());
        assertEquals("staging", source.name());
        assertEquals(1, registered.size());
        assertEquals(UpdateSource.class, registered.get(0)[0]);
        assertSame(source, registered.get(0)[1]);
        Dictionary<?, ?> serviceProperties = (Dictionary<?, ?>) registered.get(0)[2];
        assertEquals("staging", serviceProperties.get(UpdateSource.NAME_PROPERTY));
        source.deactivate();
        assertEquals(List.of("unregister"), unregistered);
    }

    @Test
    public void warnsWhenPlainHttpIsAllowedEverywhere() throws Exception {
        Map<String, Object> properties = TestSettings.properties("http://192.0.2.1/", tmp.getRoot().toPath());
        properties.put("allowInsecureHttp", true);
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            new RepositorySource(TestSettings.config(properties), verifier(), context());
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log, log.contains("WARN") && log.contains("allowInsecureHttp=true") && log.contains("lab networks"));
    }

    private interface Handler {
        Object call(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Handler handler) {
        return (T) Proxy.newProxyInstance(ComponentTest.class.getClassLoader(), new Class<?>[] { type },
                (self, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    case "toString" -> type.getSimpleName();
                    default -> handler.call(method.getName(), args);
                });
    }
}
