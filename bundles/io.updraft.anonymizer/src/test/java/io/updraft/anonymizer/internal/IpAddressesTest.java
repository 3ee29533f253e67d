package io.updraft.anonymizer.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import org.junit.Test;

public class IpAddressesTest {
    @Test
    public void ipv4IsTruncatedToItsPrefix() {
        assertEquals("192.168.17.0/24", IpAddresses.truncate("192.168.17.42", 24, 48));
        assertEquals("10.0.0.0/8", IpAddresses.truncate("10.200.3.4", 8, 48));
        assertEquals("172.16.0.0/12", IpAddresses.truncate("172.31.255.255", 12, 48));
        assertEquals("0.0.0.0/0", IpAddresses.truncate("8.8.8.8", 0, 48));
    }

    @Test
    public void ipv6IsTruncatedToItsPrefixInCanonicalForm() {
        assertEquals("2001:db8:85a3::/48", IpAddresses.truncate("2001:0DB8:85a3:0012:0000:8a2e:0370:7334", 24, 48));
        assertEquals("fe80::/48", IpAddresses.truncate("fe80::a8bb:ccff:fedd:eeff%wlan0", 24, 48));
        assertEquals("::/48", IpAddresses.truncate("::1", 24, 48));
        assertEquals("::/48", IpAddresses.truncate("::ffff:192.0.2.1", 24, 48));
        assertEquals("2a02:8100::/28", IpAddresses.truncate("2a02:8109:9c0::1", 24, 28));
        assertEquals("2a02:8109:9c0:1d00:5d1:2f3e:4a5b:6c7d/128",
                IpAddresses.formatIpv6(IpAddresses.parseIpv6("2a02:8109:9c0:1d00:5d1:2f3e:4a5b:6c7d")) + "/128");
        assertEquals("1:0:0:1::", IpAddresses.formatIpv6(IpAddresses.parseIpv6("1:0:0:1:0:0:0:0")));
    }

    @Test
    public void nonAddressesAreNotParsed() {
        for (String bad : new String[] {"256.1.1.1", "1.2.3", "1.2.3.4.5", "1..2.3", "12:30:45", "1::2::3",
                "1:2:3:4:5:6:7:8:9", "1::2:3:4:5:6:7:8", "12345::1", "1.2.3.4::1", "::g", "host.example.org", ""}) {
            assertNull(bad, IpAddresses.truncate(bad, 24, 48));
        }
    }
}
