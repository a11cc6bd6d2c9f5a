package org.tillpay.dintero.emulator.internal;

/**
 * The emulator's fee table for settlements: a rate in basis points plus a fixed fee in minor units per capture,
 * rounded half up; refunds cost nothing and get no fee back. Realistic Norwegian merchant prices, not Dintero's (which
 * are per contract): the module README lists them.
 */
final class Fees {

    /**
     * A price.
     *
     * @param basisPoints the percentage in hundredths of a percent (1.39 % = 139)
     * @param fixed the fixed part, minor units
     */
    record Rate(int basisPoints, long fixed) {

        /**
         * @param amount the captured amount the provider pays out, minor units, zero or more
         * @return the fee, minor units: {@code amount * rate} rounded half up, plus the fixed part
         */
        long fee(long amount) {
            return (amount * basisPoints + 5_000) / 10_000 + fixed;
        }
    }

    /** Cards, Apple Pay and Google Pay through Dintero's own acquiring ({@code dintero_psp.*}), and unknown types. */
    static final Rate CARD = new Rate(139, 100);
    static final Rate VIPPS = new Rate(175, 0);
    static final Rate KLARNA = new Rate(299, 300);
    static final Rate WALLEY = new Rate(250, 500);
    static final Rate MOBILEPAY = new Rate(100, 0);
    static final Rate SWISH = new Rate(0, 200);

    private Fees() {
    }

    /**
     * The fee of one capture.
     *
     * @param paymentProductType the transaction's {@code payment_product_type}
     * @param amount the captured amount with a payout (gift-card share left out), minor units
     * @return the fee, minor units
     */
    static long captureFee(String paymentProductType, long amount) {
        return rate(paymentProductType).fee(amount);
    }

    static Rate rate(String type) {
        if ("vipps".equals(type) || "payex.vipps".equals(type)) {
            return VIPPS;
        }
        if (type.startsWith("klarna.")) {
            return KLARNA;
        }
        if (type.startsWith("collector.")) {
            return WALLEY;
        }
        if ("payex.mobilepay".equals(type)) {
            return MOBILEPAY;
        }
        if (type.startsWith("swish.")) {
            return SWISH;
        }
        return CARD;
    }
}
