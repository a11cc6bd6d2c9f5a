/**
 * Control API of the local Dintero emulator: act as the customer on the hosted payment page (pay or decline), and
 * inspect what the emulator holds (sessions, transactions, published SMS/push messages, callback deliveries, token
 * requests), and steer what tests need to control (the emulator's clock, callback faults, synchronous or asynchronous
 * transaction operations and their failures, Walley holds, back-office operations, Dintero Wallets gift cards) and,
 * through {@link org.tillpay.dintero.emulator.DinteroSettlementsEmulator} (1.3), settlements (payouts) and webhooks,
 * and through {@link org.tillpay.dintero.emulator.DinteroInsightEmulator} (1.4), Insight scheduled reports, and
 * through {@link org.tillpay.dintero.emulator.DinteroPartnerEmulator} (1.5), the Partner API's API clients, client
 * grants and payment profiles. 1.6 adds lost answers to session creation
 * ({@link org.tillpay.dintero.emulator.DinteroEmulator#loseNextSessionResponse()}). 1.7 adds fault injection
 * ({@link org.tillpay.dintero.emulator.DinteroFaultEmulator}, {@link org.tillpay.dintero.emulator.FaultRule},
 * {@link org.tillpay.dintero.emulator.Fault}), inherited by {@link org.tillpay.dintero.emulator.DinteroEmulator}.
 * Used by the Karaf shell commands and by integration tests; production code talks to the emulator only over HTTP,
 * exactly as it talks to Dintero.
 */
@Export
@Version("1.7.0")
package org.tillpay.dintero.emulator;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
