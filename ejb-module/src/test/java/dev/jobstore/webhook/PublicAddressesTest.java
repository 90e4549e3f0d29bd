package dev.jobstore.webhook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublicAddressesTest {

    private static InetAddress address(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    @Test
    void private_loopback_link_local_reserved_and_embedded_ranges_are_not_public() throws Exception {
        for (String literal : List.of(
                "10.1.2.3",
                "172.16.0.1",
                "192.168.1.1",
                "127.0.0.1",
                "169.254.169.254",
                "0.0.0.0",
                "100.64.0.1",
                "198.18.0.1",
                "255.255.255.255",
                "224.0.0.1",
                "::1",
                "::",
                "fe80::1",
                "fd00::1",
                "::ffff:10.0.0.1",
                "64:ff9b::a00:1",
                "::127.0.0.1")) {
            assertFalse(PublicAddresses.isPublic(address(literal)), literal);
        }
    }

    @Test
    void public_addresses_are_public() throws Exception {
        for (String literal : List.of("8.8.8.8", "1.1.1.1", "2001:4860:4860::8888", "64:ff9b::808:808")) {
            assertTrue(PublicAddresses.isPublic(address(literal)), literal);
        }
    }

    @Test
    void allowed_private_networks_are_reachable_and_nothing_else_private() throws Exception {
        PublicAddresses addresses = new PublicAddresses(List.of(Network.parse("127.0.0.1/32")));
        assertTrue(addresses.mayReach(address("127.0.0.1")));
        assertFalse(addresses.mayReach(address("127.0.0.2")));
        assertArrayEquals(new InetAddress[] {address("127.0.0.1")}, addresses.resolve("127.0.0.1"));
        UnknownHostException refused = assertThrows(UnknownHostException.class, () -> addresses.resolve("127.0.0.2"));
        assertTrue(refused.getMessage().contains("private"), refused.getMessage());
    }

    @Test
    void a_network_is_an_address_literal_with_a_prefix() throws Exception {
        assertTrue(Network.parse("10.0.0.0/8").contains(address("10.200.1.1")));
        assertFalse(Network.parse("10.0.0.0/8").contains(address("11.0.0.1")));
        assertTrue(Network.parse("fd00::/8").contains(address("fd12::1")));
        assertFalse(Network.parse("fd00::/8").contains(address("10.0.0.1")));
        assertThrows(IllegalArgumentException.class, () -> Network.parse("example.com/8"));
        assertThrows(IllegalArgumentException.class, () -> Network.parse("10.0.0.0/33"));
    }
}
