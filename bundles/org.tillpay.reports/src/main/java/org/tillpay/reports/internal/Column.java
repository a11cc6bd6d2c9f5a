package org.tillpay.reports.internal;

import java.util.Objects;

/**
 * A column of a report table.
 *
 * @param name its heading
 * @param type what its cells hold
 * @param width its share of a PDF page's width, relative to the other columns
 */
record Column(String name, Type type, int width) {

    /** What a column's cells hold, and so how each format writes them. */
    enum Type {
        /** A {@code String} (or null). */
        TEXT,
        /** A {@code BigDecimal} in major units (or null). */
        MONEY,
        /** A {@code Long} or {@code Integer}. */
        COUNT,
        /** A {@code LocalDate} (or null). */
        DATE
    }

    Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    static Column text(String name, int width) {
        return new Column(name, Type.TEXT, width);
    }

    static Column money(String name) {
        return new Column(name, Type.MONEY, 9);
    }

    static Column count(String name) {
        return new Column(name, Type.COUNT, 6);
    }

    static Column date(String name) {
        return new Column(name, Type.DATE, 9);
    }
}
