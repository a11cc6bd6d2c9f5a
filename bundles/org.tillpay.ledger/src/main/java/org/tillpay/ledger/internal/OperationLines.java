package org.tillpay.ledger.internal;

import java.util.ArrayList;
import java.util.List;

import org.tillpay.ledger.OperationLineAmount;

/**
 * The text form of an operation's lines in {@code tillpay_payment_operation.lines}: each line is
 * {@code <length of line id>:<line id>:<quantity>:<amount>:<vat>;}. The length prefix makes any character in a line
 * id safe, including {@code :} and {@code ;}. No lines is stored as null.
 */
final class OperationLines {

    private OperationLines() {
    }

    /** @return the lines as stored, or null when there are none */
    static String encode(List<OperationLineAmount> lines) {
        if (lines.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (OperationLineAmount l : lines) {
            sb.append(l.lineId().length()).append(':').append(l.lineId()).append(':').append(l.quantity()).append(':')
                    .append(l.amountMinor()).append(':').append(l.vatAmountMinor()).append(';');
        }
        return sb.toString();
    }

    /**
     * @param text the stored form, or null
     * @return the lines
     * @throws IllegalArgumentException when the text is not in the stored form
     */
    static List<OperationLineAmount> decode(String text) {
        List<OperationLineAmount> lines = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return lines;
        }
        int at = 0;
        while (at < text.length()) {
            int colon = text.indexOf(':', at);
            int idLength = Integer.parseInt(text.substring(at, colon));
            int idEnd = colon + 1 + idLength;
            String lineId = text.substring(colon + 1, idEnd);
            int end = text.indexOf(';', idEnd);
            if (end < 0 || text.charAt(idEnd) != ':') {
                throw new IllegalArgumentException("malformed operation lines at " + at + ": " + text);
            }
            String[] numbers = text.substring(idEnd + 1, end).split(":", -1);
            if (numbers.length != 3) {
                throw new IllegalArgumentException("malformed operation line " + lineId + ": " + text);
            }
            lines.add(new OperationLineAmount(lineId, Integer.parseInt(numbers[0]), Long.parseLong(numbers[1]),
                    Long.parseLong(numbers[2])));
            at = end + 1;
        }
        return lines;
    }
}
