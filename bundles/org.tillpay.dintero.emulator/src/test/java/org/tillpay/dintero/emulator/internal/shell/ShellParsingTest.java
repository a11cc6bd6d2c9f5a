package org.tillpay.dintero.emulator.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Argument parsing of {@code dintero-emulator:clock --advance} and {@code dintero-emulator:pay --address}. */
class ShellParsingTest {

    @Test
    void durations() {
        assertEquals(Duration.ofMinutes(30), ClockCommand.parse("30m"));
        assertEquals(Duration.ofHours(25), ClockCommand.parse("25h"));
        assertEquals(Duration.ofDays(8), ClockCommand.parse(" 8d "));
        assertEquals(Duration.ofHours(36).plusSeconds(45), ClockCommand.parse("1d12h45s"));
        assertEquals(Duration.ofHours(25), ClockCommand.parse("PT25H"));
        for (String bad : new String[] {"", "25", "h", "25x", "1h 2m", "-3h", "P"}) {
            assertThrows(IllegalArgumentException.class, () -> ClockCommand.parse(bad), bad);
        }
    }

    @Test
    void addresses() {
        Map<String, String> full = PayCommand.address("Ola;Nordmann;Kirkegata 5;7010;Trondheim;SE;o@x.no;+4790000000",
                Map.of("email", "kunde@example.no"));
        assertEquals(Map.of("first_name", "Ola", "last_name", "Nordmann", "address_line", "Kirkegata 5",
                "postal_code", "7010", "postal_place", "Trondheim", "country", "SE", "email", "o@x.no",
                "phone_number", "+4790000000"), full);
        Map<String, String> minimal = PayCommand.address("Ola;Nordmann;Kirkegata 5;7010;Trondheim",
                Map.of("email", "kunde@example.no", "phone_number", "+4799999999"));
        assertEquals("", minimal.get("country"), "the emulator defaults it to NO");
        assertEquals("kunde@example.no", minimal.get("email"));
        assertEquals("+4799999999", minimal.get("phone_number"));
        assertEquals("kari.nordmann@example.com", PayCommand.address("a;b;c;d;e;NO", Map.of()).get("email"));
        assertThrows(IllegalArgumentException.class, () -> PayCommand.address("Ola;Nordmann;Kirkegata 5", Map.of()));
    }
}
