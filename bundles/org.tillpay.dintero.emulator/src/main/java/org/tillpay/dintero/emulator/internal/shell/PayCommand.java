package org.tillpay.dintero.emulator.internal.shell;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.tillpay.dintero.emulator.DinteroEmulator;
import org.tillpay.dintero.emulator.EmulatedPayment;

/**
 * {@code dintero-emulator:pay}: the customer pays (or declines) a session on the emulated hosted page, possibly held by
 * Walley ({@code --on-hold}) or partly with a gift card ({@code --gift-card}, {@code --pin}).
 */
@Command(scope = "dintero-emulator", name = "pay",
        description = "Pays a Dintero emulator session as the customer would on the hosted page, or declines it.")
@Service
public class PayCommand implements Action {

    @Reference
    DinteroEmulator emulator;

    @Argument(index = 0, name = "session-id", required = true, description = "The session id")
    String sessionId;

    @Option(name = "--method", aliases = "-m", description = "Payment method: vipps, mobilepay, swish, klarna, "
            + "walley, billie, card, applepay or googlepay")
    @Completion(value = StringsCompleter.class, values = {"vipps", "mobilepay", "swish", "klarna", "walley",
        "billie", "card", "applepay", "googlepay"})
    String method = "vipps";

    @Option(name = "--decline", description = "Decline (cancel) instead of paying")
    boolean decline;

    @Option(name = "--on-hold", description = "Walley holds the payment for review (ON_HOLD); method walley")
    boolean onHold;

    @Option(name = "--gift-card", description = "Pay first with this gift card number; --method pays the rest "
            + "(card or klarna; none when the card covers everything)")
    String giftCard;

    @Option(name = "--pin", description = "The gift card's PIN")
    String pin;

    @Option(name = "--address", aliases = "-a", description = "Delivery address for an Express session: "
            + "\"first;last;address line;postal code;place[;country[;email[;phone]]]\" (country NO by default; e-mail and "
            + "phone from the session's customer, else test values). Without it an Express session gets a fixed test "
            + "address.")
    String address;

    @Override
    public Object execute() {
        try {
            if (decline) {
                String redirect = emulator.decline(sessionId);
                System.out.println("Session " + sessionId + " declined; customer redirected to " + redirect);
            } else {
                EmulatedPayment payment = onHold ? emulator.payOnHold(sessionId, method)
                        : giftCard != null ? emulator.payWithGiftCard(sessionId, giftCard, pin,
                                "none".equals(method) ? null : method)
                        : address == null ? emulator.pay(sessionId, method)
                        : emulator.pay(sessionId, method, address(address, customer()));
                System.out.println("Transaction " + payment.transactionId() + " " + payment.status() + " ("
                        + payment.paymentProductType() + ")");
            }
        } catch (RuntimeException e) {
            System.err.println("Error: " + e.getMessage());
        }
        return null;
    }

    private Map<String, Object> customer() {
        Object customer = emulator.session(sessionId).map(s -> s.get("customer")).orElse(null);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = customer instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        return map;
    }

    /**
     * Parses {@code --address}.
     *
     * @param spec {@code first;last;address line;postal code;place[;country[;email[;phone]]]}
     * @param customer the session's {@code customer}, for e-mail and phone when not given
     * @return the address by {@code OrderAddress} field name
     * @throws IllegalArgumentException when there are fewer than 5 or more than 8 parts
     */
    static Map<String, String> address(String spec, Map<String, Object> customer) {
        String[] parts = spec.split(";", -1);
        if (parts.length < 5 || parts.length > 8) {
            throw new IllegalArgumentException("--address needs \"first;last;address line;postal code;place"
                    + "[;country[;email[;phone]]]\", got " + parts.length + " part(s)");
        }
        String[] keys = {"first_name", "last_name", "address_line", "postal_code", "postal_place", "country",
            "email", "phone_number"};
        Map<String, String> address = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) {
            String value = i < parts.length ? parts[i].trim() : "";
            if (value.isEmpty() && i >= 6) {
                Object fromCustomer = customer.get(keys[i]);
                value = fromCustomer instanceof String text ? text
                        : "email".equals(keys[i]) ? "kari.nordmann@example.com" : "+4799999999";
            }
            address.put(keys[i], value);
        }
        return address;
    }
}
