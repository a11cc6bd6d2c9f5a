package org.tillpay.dintero.emulator.internal.shell;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.tillpay.dintero.emulator.DinteroEmulator;

/** {@code dintero-emulator:clock}: shows the emulator's time, or moves it forward to expire sessions and tokens. */
@Command(scope = "dintero-emulator", name = "clock",
        description = "Shows the Dintero emulator's clock, or moves it forward (expires payment links and tokens).")
@Service
public class ClockCommand implements Action {

    private static final Pattern PART = Pattern.compile("(\\d+)([smhd])");

    @Reference
    DinteroEmulator emulator;

    @Option(name = "--advance", description = "How far to move the clock forward: 30m, 25h, 8d, 1d12h, 45s or "
            + "ISO-8601 (PT25H)")
    String advance;

    @Override
    public Object execute() {
        try {
            if (advance != null) {
                Duration duration = parse(advance);
                emulator.advanceClock(duration);
                System.out.println("Emulator clock advanced by " + advance + "; now " + emulator.now());
            } else {
                System.out.println("Emulator clock: " + emulator.now());
            }
        } catch (RuntimeException e) {
            System.err.println("Error: " + e.getMessage());
        }
        return null;
    }

    /**
     * Parses a duration such as {@code 30m}, {@code 25h}, {@code 8d}, {@code 1d12h} or ISO-8601 {@code PT25H}.
     *
     * @param text the text
     * @return the duration
     * @throws IllegalArgumentException when not understood
     */
    static Duration parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            try {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a duration: " + text);
            }
        }
        Matcher m = PART.matcher(t);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
            end = m.end();
        }
        if (t.isEmpty() || end != t.length()) {
            throw new IllegalArgumentException("not a duration: " + text + " (use for example 30m, 25h, 8d or 1d12h)");
        }
        return total;
    }
}
