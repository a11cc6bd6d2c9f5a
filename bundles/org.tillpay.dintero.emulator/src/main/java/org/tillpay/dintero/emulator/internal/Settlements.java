package org.tillpay.dintero.emulator.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.emulator.DinteroSettlementsEmulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Settlements (payouts, API.md &sect;10.1): pays out the captures and refunds the emulator recorded, one settlement per
 * payment provider and {@link #settle} call, links them to the transactions ({@code settlements.events[]}) and
 * notifies the {@code settlement_add} webhook subscribers. Every method takes the emulator's lock, which also guards
 * the transactions.
 */
final class Settlements {

    /**
     * A stored settlement.
     *
     * @param accountId the account
     * @param item the {@code SettlementItem} as listed (attachments included)
     * @param settledAt the payout date
     * @param createdAt when it was created, on the emulator's clock
     * @param attachments the files, by attachment id
     */
    record Stored(String accountId, ObjectNode item, LocalDate settledAt, Instant createdAt,
            Map<String, SettlementReports.Attachment> attachments) {

        String id() {
            return item.path("id").asText();
        }

        String provider() {
            return item.path("provider").asText();
        }
    }

    /** Products without a payout: Dintero Wallets gift cards and {@code dintero.zero}. */
    private static final Set<String> NO_PAYOUT = Set.of("dintero");
    /** The provider whose settlements wait for the sales buffer: Dintero's own card acquiring. */
    private static final String CARD_PROVIDER = "dintero_psp";
    private static final DateTimeFormatter REFERENCE_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final Logger LOG = LoggerFactory.getLogger(Settlements.class);

    private final Object lock;
    private final Clock clock;
    private final Map<String, Account> accounts;
    private final Map<String, TransactionRecord> transactions;
    private final Hooks hooks;
    private final List<Stored> stored = new ArrayList<>();
    private long salesBuffer = DinteroSettlementsEmulator.DEFAULT_SALES_BUFFER;
    private int sequence;

    /**
     * @param lock the emulator's lock, guarding the transactions too
     * @param clock the emulator's clock
     * @param accounts the configured accounts
     * @param transactions every transaction, oldest first
     * @param hooks the webhook subscriptions to notify
     */
    Settlements(Object lock, Clock clock, Map<String, Account> accounts, Map<String, TransactionRecord> transactions,
            Hooks hooks) {
        this.lock = lock;
        this.clock = clock;
        this.accounts = accounts;
        this.transactions = transactions;
        this.hooks = hooks;
    }

    /** See {@link DinteroSettlementsEmulator#settle}. */
    List<String> settle(String accountId, LocalDate payoutDate) {
        synchronized (lock) {
            if (accountId == null || !accounts.containsKey(accountId)) {
                throw new NoSuchElementException("account " + accountId + " is not configured in the emulator");
            }
            LocalDate date = payoutDate != null ? payoutDate : LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            Map<String, List<SettlementReports.Line>> byProvider = new TreeMap<>();
            for (TransactionRecord tx : transactions.values()) {
                String provider = tx.text("payment_product");
                if (!tx.account.accountId().equals(accountId) || NO_PAYOUT.contains(provider)) {
                    continue;
                }
                for (JsonNode event : tx.events()) {
                    long amount = TransactionRecord.providerAmount(event);
                    if (amount > 0 && !tx.settledEvents.contains(event.path("id").asText())) {
                        boolean capture = "CAPTURE".equals(event.path("event").asText());
                        byProvider.computeIfAbsent(provider, p -> new ArrayList<>()).add(new SettlementReports.Line(
                                tx, event, amount, capture ? Fees.captureFee(tx.paymentProductType(), amount) : 0));
                    }
                }
            }
            List<String> ids = new ArrayList<>();
            byProvider.forEach((provider, lines) -> ids.add(create(accountId, provider, date, lines).id()));
            if (ids.isEmpty()) {
                LOG.info("Nothing to settle for account {} (payout date {})", accountId, date);
            }
            return ids;
        }
    }

    private Stored create(String accountId, String provider, LocalDate date, List<SettlementReports.Line> lines) {
        Instant now = clock.instant();
        String id = Ids.uuid();
        String reference = provider.toUpperCase(Locale.ROOT) + "-" + REFERENCE_DATE.format(date) + "-"
                + String.format(Locale.ROOT, "%05d", ++sequence);
        ObjectNode item = Json.object();
        item.put("id", id);
        item.put("provider", provider);
        item.put("provider_reference", reference);
        item.put("created_at", Ids.iso(now));
        item.put("start_at", lines.stream().map(SettlementReports.Line::at).min(String::compareTo).orElseThrow());
        item.put("end_at", lines.stream().map(SettlementReports.Line::at).max(String::compareTo).orElseThrow());
        item.put("settled_at", date.toString());
        ArrayNode amounts = item.putArray("amounts");
        boolean postpone = false;
        Map<String, long[]> byCurrency = new TreeMap<>();
        for (SettlementReports.Line line : lines) {
            long[] sums = byCurrency.computeIfAbsent(line.currency(), c -> new long[3]);
            sums[line.capture() ? 0 : 1] += line.amount();
            sums[2] += line.fee();
        }
        for (Map.Entry<String, long[]> e : byCurrency.entrySet()) {
            long[] sums = e.getValue();
            long net = sums[0] - sums[1] - sums[2];
            ObjectNode amount = amounts.addObject();
            amount.put("amount", net);
            amount.put("capture", sums[0]);
            amount.put("refund", sums[1]);
            amount.put("fee", sums[2]);
            amount.put("currency", e.getKey());
            postpone |= net < 0 || CARD_PROVIDER.equals(provider) && net < salesBuffer;
        }
        item.put("payment_status", postpone ? "postponed" : "paid");
        shared(lines, "store", "id").ifPresent(v -> item.put("store_id", v));
        shared(lines, "payout_destination_id").ifPresent(v -> item.put("payout_destination_id", v));
        Map<String, SettlementReports.Attachment> files = new LinkedHashMap<>();
        ArrayNode attachments = item.putArray("attachments");
        for (SettlementReports.Attachment file : SettlementReports.build(accountId, item, lines)) {
            files.put(file.id(), file);
            attachments.add(file.view());
        }
        for (SettlementReports.Line line : lines) {
            line.tx().settledEvents.add(line.eventId());
            ObjectNode link = line.tx().settlementEvents.addObject();
            link.put("settlement_id", id);
            link.put("provider_reference", reference);
            link.put("event_correlation_id", line.eventId());
            link.put("amount", line.net());
            link.put("capture", line.capture() ? line.amount() : 0);
            link.put("refund", line.capture() ? 0 : line.amount());
            link.put("fee", line.fee());
        }
        Stored settlement = new Stored(accountId, item, date, now, files);
        stored.add(settlement);
        LOG.info("Settlement {} for account {} created: provider {} ({}), payout {} {}, {} event(s), amounts {}", id,
                accountId, provider, reference, date, item.path("payment_status").asText(), lines.size(), amounts);
        hooks.publish(accountId, "settlement_add", "settlement", item.deepCopy());
        return settlement;
    }

    /** The value every line's transaction shares at a path, or empty when one lacks it or two differ (&sect;10.1). */
    private static Optional<String> shared(List<SettlementReports.Line> lines, String... path) {
        String first = lines.get(0).tx().text(path);
        boolean same = first != null && lines.stream().allMatch(line -> first.equals(line.tx().text(path)));
        return same ? Optional.of(first) : Optional.empty();
    }

    /** See {@link DinteroSettlementsEmulator#settlements(String)}. */
    List<Map<String, Object>> views(String accountId) {
        synchronized (lock) {
            return stored.stream().filter(s -> s.accountId().equals(accountId)).map(s -> Json.toFrozenMap(s.item()))
                    .toList();
        }
    }

    /** {@code GET /v1/accounts/{aid}/settlements}; the caller's account is checked by the caller. */
    ObjectNode list(String accountId, List<Map.Entry<String, String>> query) {
        synchronized (lock) {
            return SettlementList.page(stored.stream().filter(s -> s.accountId().equals(accountId)).toList(),
                    accountId, query);
        }
    }

    /** {@code GET /v1/accounts/{aid}/settlements/{sid}/attachments/{attId}}; 404 when either is unknown. */
    SettlementReports.Attachment attachment(String accountId, String settlementId, String attachmentId) {
        synchronized (lock) {
            Stored settlement = stored.stream().filter(s -> s.accountId().equals(accountId)
                    && s.id().equals(settlementId)).findFirst()
                    .orElseThrow(() -> ApiException.notFound("settlement " + settlementId + " not found"));
            SettlementReports.Attachment file = settlement.attachments().get(attachmentId);
            if (file == null) {
                throw ApiException.notFound("attachment " + attachmentId + " of settlement " + settlementId
                        + " not found");
            }
            return file;
        }
    }

    long salesBuffer() {
        synchronized (lock) {
            return salesBuffer;
        }
    }

    void salesBuffer(long minorUnits) {
        if (minorUnits < 0) {
            throw new IllegalArgumentException("sales buffer must not be negative, was " + minorUnits);
        }
        synchronized (lock) {
            salesBuffer = minorUnits;
        }
        LOG.info("Card sales buffer set to {} minor units", minorUnits);
    }
}
