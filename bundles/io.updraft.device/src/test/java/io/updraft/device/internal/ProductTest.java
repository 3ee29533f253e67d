package io.updraft.device.internal;

import static org.junit.Assert.assertEquals;

import java.nio.file.Path;
import java.util.Map;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.product.DeviceIdentity;
import io.updraft.product.ProductDetector;

public class ProductTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private FakeSystem sys;

    @Before
    public void setUp() throws Exception {
        sys = new FakeSystem(tmp.getRoot().toPath()).machineId("3d1219c7c4c5404aaa1f6d2a48adfda4");
    }

    private record Detector(String product, int confidence) implements ProductDetector {
        @Override
        public int confidence(Path systemRoot) {
            return confidence;
        }
    }

    private static void assertProduct(String product, String source, DeviceIdentity identity) {
        assertEquals(product, identity.product());
        assertEquals(source, identity.productSource());
    }

    @Test
    public void genericWithoutDetectors() throws Exception {
        assertProduct("generic", "default", sys.start().identity());
    }

    @Test
    public void configuredWinsOverDetectors() throws Exception {
        DeviceInfoComponent device = sys.start(Map.of("product", "headset"));
        device.bindProductDetector(new Detector("robot", 100));

        assertProduct("headset", "configured", device.identity());
    }

    @Test
    public void mostConfidentDetectorWinsAndFollowsBindUnbind() throws Exception {
        DeviceInfoComponent device = sys.start();
        Detector robot = new Detector("robot", 60);
        Detector headset = new Detector("headset", 90);

        device.bindProductDetector(robot);
        assertProduct("robot", "detected:robot", device.identity());
        device.bindProductDetector(headset);
        assertProduct("headset", "detected:headset", device.identity());
        device.unbindProductDetector(headset);
        assertProduct("robot", "detected:robot", device.identity());
        device.unbindProductDetector(robot);
        assertProduct("generic", "default", device.identity());
    }

    @Test
    public void tiesGoToTheSmallerNameAndZeroNeverWins() throws Exception {
        DeviceInfoComponent device = sys.start();
        device.bindProductDetector(new Detector("robot", 50));
        device.bindProductDetector(new Detector("headset", 50));
        device.bindProductDetector(new Detector("aardvark", 0));

        assertProduct("headset", "detected:headset", device.identity());
    }

    @Test
    public void throwingOrMisnamedDetectorsCountAsZero() throws Exception {
        DeviceInfoComponent device = sys.start();
        device.bindProductDetector(new Detector("robot", 10));
        device.bindProductDetector(new ProductDetector() {
            @Override
            public String product() {
                return "broken";
            }

            @Override
            public int confidence(Path systemRoot) {
                throw new IllegalStateException("cannot read " + systemRoot);
            }
        });
        device.bindProductDetector(new Detector("Not A Name", 100));
        device.bindProductDetector(new Detector(null, 100));

        assertProduct("robot", "detected:robot", device.identity());
    }

    @Test
    public void detectorsSeeTheConfiguredSystemRoot() throws Exception {
        DeviceInfoComponent device = sys.start();
        device.bindProductDetector(new ProductDetector() {
            @Override
            public String product() {
                return "robot";
            }

            @Override
            public int confidence(Path systemRoot) {
                return systemRoot.resolve("etc/robot").toFile().exists() ? 80 : 0;
            }
        });
        assertProduct("generic", "default", device.identity());

        sys.file("etc/robot", "");
        device.bindProductDetector(new Detector("other", 0));
        assertProduct("robot", "detected:robot", device.identity());
    }
}
