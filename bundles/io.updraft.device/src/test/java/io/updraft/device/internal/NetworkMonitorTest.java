package io.updraft.device.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.Map;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.product.NetworkStatus;

public class NetworkMonitorTest {
    private static final String V4_HEADER =
            "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n";
    // The kernel's own unreachable IPv6 default on lo, present on every machine.
    private static final String V6_LO_REJECT = "00000000000000000000000000000000 00 00000000000000000000000000000000 00 "
            + "00000000000000000000000000000000 ffffffff 00000001 00000000 00200200       lo\n";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private FakeSystem system;

    @Before
    public void setUp() throws IOException {
        system = new FakeSystem(tmp.getRoot().toPath());
    }

    private static String v4(String iface, String destination, String flags, int metric, String mask) {
        return iface + "\t" + destination + "\t0102A8C0\t" + flags + "\t0\t0\t" + metric + "\t" + mask + "\t0\t0\t0\n";
    }

    private static String v6Default(String iface, String flags, String metric) {
        return "00000000000000000000000000000000 00 00000000000000000000000000000000 00 "
                + "fe800000000000000000000000000001 " + metric + " 00000001 00000000 " + flags + " " + iface + "\n";
    }

    private FakeSystem link(String iface, String operstate) throws IOException {
        return system.file("sys/class/net/" + iface + "/operstate", operstate + "\n");
    }

    private NetworkStatus network() {
        return new NetworkMonitorComponent(system.config()).network();
    }

    @Test
    public void onlineOverTheLowestMetricDefaultRouteWhoseLinkIsUp() throws IOException {
        system.file("proc/net/route", V4_HEADER
                + v4("eth0", "0002A8C0", "0001", 0, "00FFFFFF")
                + v4("wwan0", "00000000", "0003", 700, "00000000")
                + v4("wlan0", "00000000", "0003", 600, "00000000"));
        system.file("proc/net/ipv6_route", V6_LO_REJECT);
        link("eth0", "up");
        link("wlan0", "up");
        link("wwan0", "up");
        assertEquals(new NetworkStatus(true, false, "wlan0"), network());

        link("wlan0", "down");
        assertEquals(new NetworkStatus(true, true, "wwan0"), network());
    }

    @Test
    public void offlineWithoutADefaultRouteOrWithItsLinkDown() throws IOException {
        system.file("proc/net/route", V4_HEADER + v4("eth0", "0002A8C0", "0001", 0, "00FFFFFF"));
        system.file("proc/net/ipv6_route", V6_LO_REJECT);
        link("eth0", "up");
        assertEquals(new NetworkStatus(false, false, ""), network());

        system.file("proc/net/route", V4_HEADER + v4("eth0", "00000000", "0003", 0, "00000000"));
        link("eth0", "lowerlayerdown");
        assertEquals(new NetworkStatus(false, false, ""), network());
    }

    @Test
    public void aRouteThatIsNotUpOrOverAVanishedInterfaceDoesNotCount() throws IOException {
        system.file("proc/net/route", V4_HEADER
                + v4("eth0", "00000000", "0002", 0, "00000000")
                + v4("eth9", "00000000", "0003", 10, "00000000"));
        link("eth0", "up");
        assertEquals(new NetworkStatus(false, false, ""), network());
    }

    @Test
    public void unknownOperstateCountsAsUpForLinksWithoutCarrierReporting() throws IOException {
        system.file("proc/net/route", V4_HEADER + v4("ppp0", "00000000", "0001", 0, "00000000"));
        link("ppp0", "unknown");
        assertEquals(new NetworkStatus(true, true, "ppp0"), network());
    }

    @Test
    public void ipv6DefaultRouteAloneIsOnline() throws IOException {
        system.file("proc/net/route", V4_HEADER);
        system.file("proc/net/ipv6_route", V6_LO_REJECT + v6Default("eth0", "00450003", "00000400"));
        link("eth0", "up");
        assertEquals(new NetworkStatus(true, false, "eth0"), network());
    }

    @Test
    public void meteredInterfacesAreConfigurableGlobs() throws IOException {
        system.file("proc/net/route", V4_HEADER + v4("eth1", "00000000", "0003", 0, "00000000"));
        link("eth1", "up");
        NetworkStatus status = new NetworkMonitorComponent(FakeSystem.config(Map.of("home", system.home.toString(),
                "systemRoot", system.root.toString(), "meteredInterfaces", "wwan*, eth?"))).network();
        assertEquals(new NetworkStatus(true, true, "eth1"), status);
    }

    @Test
    public void malformedLinesAreSkipped() throws IOException {
        system.file("proc/net/route", V4_HEADER + "eth0\tzz\n" + v4("eth0", "00000000", "xx", 0, "00000000")
                + v4("eth1", "00000000", "0003", 5, "00000000"));
        link("eth0", "up");
        link("eth1", "up");
        assertEquals(new NetworkStatus(true, false, "eth1"), network());
    }

    @Test
    public void noRoutingTablesAtAllIsAssumedOnline() {
        assertEquals(NetworkStatus.ASSUMED, network());
    }

    @Test
    public void badMeteredPatternIsRejectedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NetworkMonitorComponent(FakeSystem.config(Map.of("meteredInterfaces", "wwan*,eth 0"))));
        assertTrue(e.getMessage(), e.getMessage().contains("'eth 0'"));
    }
}
