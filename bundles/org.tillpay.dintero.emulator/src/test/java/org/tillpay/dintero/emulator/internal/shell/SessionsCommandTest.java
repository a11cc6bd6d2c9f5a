package org.tillpay.dintero.emulator.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tillpay.dintero.emulator.DinteroEmulator;

/** {@code dintero-emulator:sessions [--lose]}: what it asks of the emulator. */
class SessionsCommandTest {

    private final List<String> calls = new ArrayList<>();

    private SessionsCommand command(boolean lose) {
        SessionsCommand command = new SessionsCommand();
        command.emulator = (DinteroEmulator) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DinteroEmulator.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    return "sessions".equals(method.getName()) ? List.of() : null;
                });
        command.lose = lose;
        return command;
    }

    @Test
    void loseMakesTheNextSessionCreationsAnswerGetLostThenLists() {
        command(true).execute();
        assertEquals(List.of("loseNextSessionResponse", "sessions"), calls);
    }

    @Test
    void withoutOptionsItOnlyLists() {
        command(false).execute();
        assertEquals(List.of("sessions"), calls);
    }
}
