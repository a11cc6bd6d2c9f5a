package org.tillpay.shell.internal;

import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.osgi.framework.BundleContext;
import org.tillpay.payment.api.InvalidPaymentRequestException;
import org.tillpay.payment.api.LinkExpiry;
import org.tillpay.payment.api.LinkOptions;
import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentMethod;
import org.tillpay.payment.api.PaymentMethodChoice;
import org.tillpay.payment.api.PaymentRequest;

/** {@code tillpay:sale}: rings up a payment-link sale for a store, as a cashier would. */
@Service
@Command(scope = "tillpay", name = "sale", description = "Creates a payment-link sale and prints the payment, session and link")
public class SaleCommand implements Action {

    @Reference
    BundleContext context;

    /** The cashier's terminal: written to directly so that progress shows while the command still runs. */
    @Reference
    Session session;

    @Option(name = "--store", aliases = "-s", required = true, description = "Store id")
    @Completion(StoreIdCompleter.class)
    String store;

    @Option(name = "--reference", aliases = "-r", required = true, description = "The sale reference, e.g. S-000123")
    String reference;

    @Option(name = "--line", aliases = "-l", required = true, multiValued = true,
            description = "A product line DESCRIPTION:QUANTITY:UNIT_PRICE[:VAT_PERCENT], unit price including VAT, e.g. Genser:2:299.00 (VAT 25 by default); repeat for more lines")
    List<String> lines;

    @Option(name = "--phone", aliases = "-p", description = "Customer's phone, E.164, e.g. +4799999999 (the link goes by SMS)")
    String phone;

    @Option(name = "--email", aliases = "-e", description = "Customer's e-mail")
    String email;

    @Option(name = "--currency", aliases = "-c", description = "ISO 4217 currency (default NOK)")
    String currency = "NOK";

    @Option(name = "--till", description = "Till (terminal) id")
    String till;

    @Option(name = "--expiry", description = "How long the customer has to pay: 1d, 1w or 1m (default 1d)")
    String expiry = "1d";

    @Option(name = "--link-only", description = "Only make the link (no phone or e-mail needed)")
    boolean linkOnly;

    @Option(name = "--no-sms", description = "Do not have Dintero send the link by SMS")
    boolean noSms;

    @Option(name = "--auto-capture", description = "Capture the money as soon as it is authorized")
    boolean autoCapture;

    @Option(name = "--methods", description = "Comma list of the methods the customer may use (default: all the store's): vipps, mobilepay, swish, klarna, walley, billie, card, applepay, googlepay")
    String methods;

    @Option(name = "--express", description = "Express checkout: the customer gives a delivery address")
    boolean express;

    @Option(name = "--gift-cards", description = "Let the customer pay with a Dintero gift card (needs --express)")
    boolean giftCards;

    @Option(name = "--gift-card", description = "Preload a gift card the cashier scanned (its card id; needs --express)")
    String giftCardId;

    @Option(name = "--no-email", description = "Do not e-mail the link even when an e-mail address is given")
    boolean noEmail;

    @Option(name = "--park", description = "Park the sale \"Awaiting payment\": it completes by itself")
    boolean park;

    @Option(name = "--wait", description = "Wait at the till up to this many seconds, showing progress, until the payment ends")
    int waitSeconds;

    @Option(name = "--method", description = "Payment method id (default dintero)")
    String method = "dintero";

    @Override
    public Object execute() throws Exception {
        try {
            PaymentMethod paymentMethod = PaymentMethods.forStore(context, store, method);
            PaymentRequest request = request();
            PaymentHandle handle = paymentMethod.startPayment(request).toCompletableFuture().get(40, TimeUnit.SECONDS);
            if (park) {
                handle = paymentMethod.parkPayment(handle.paymentId());
            }
            java.io.PrintStream terminal = waitSeconds > 0 ? session.getConsole() : System.out;
            PaymentPrinter.print(handle, terminal);
            if (waitSeconds > 0) {
                PaymentPrinter.follow(paymentMethod, handle, waitSeconds, terminal);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Refused: " + e.getMessage(), null);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Failed: " + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()), null);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Failed: no answer within 40 s; check the payment with tillpay:payment later", null);
        }
        return null;
    }

    private PaymentRequest request() {
        Currency cur;
        try {
            cur = Currency.getInstance(currency == null ? "" : currency.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidPaymentRequestException("currency", "'" + currency + "' is not an ISO 4217 currency code such as NOK");
        }
        PaymentRequest.Builder b = PaymentRequest.builder().storeId(store).saleReference(reference)
                .currency(currency).tillId(till).customerPhone(phone).customerEmail(email)
                .linkOptions(LinkOptions.builder().linkOnly(linkOnly).sendSms(!noSms).sendEmail(!noEmail)
                        .autoCapture(autoCapture).express(express).giftCards(giftCards).giftCardId(giftCardId)
                        .paymentMethods(methods(methods))
                        .expiry(expiry(expiry)).build());
        List<String> given = lines == null ? new ArrayList<>() : lines;
        for (int i = 0; i < given.size(); i++) {
            b.line(SaleLines.parse(given.get(i), i, cur));
        }
        return b.build();
    }

    static Set<PaymentMethodChoice> methods(String text) {
        Set<PaymentMethodChoice> chosen = EnumSet.noneOf(PaymentMethodChoice.class);
        if (text != null && !text.isBlank()) {
            for (String id : text.split(",")) {
                chosen.add(PaymentMethodChoice.fromId(id));
            }
        }
        return chosen;
    }

    static LinkExpiry expiry(String text) {
        switch (text == null ? "" : text.strip().toLowerCase(Locale.ROOT)) {
            case "1d":
                return LinkExpiry.ONE_DAY;
            case "1w":
                return LinkExpiry.ONE_WEEK;
            case "1m":
                return LinkExpiry.ONE_MONTH;
            default:
                throw new InvalidPaymentRequestException("linkOptions.expiry", "must be 1d, 1w or 1m, was '" + text + "'");
        }
    }
}
