package org.tillpay.dintero.emulator.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.tillpay.dintero.emulator.DinteroEmulator;

/** {@code dintero-emulator:giftcard}: issues a Dintero Wallets gift card, or shows its balance. */
@Command(scope = "dintero-emulator", name = "giftcard", description = "Shows a Dintero emulator gift card's "
        + "balance or, with --number/--pin/--balance, issues one.")
@Service
public class GiftCardCommand implements Action {

    @Reference
    DinteroEmulator emulator;

    @Option(name = "--number", description = "Card number; issues the card (with --pin and --balance)")
    String number;

    @Option(name = "--pin", description = "PIN of the issued card")
    String pin;

    @Option(name = "--balance", description = "Balance of the issued card, minor units")
    long balance;

    @Option(name = "--currency", description = "Currency of the issued card")
    String currency = "NOK";

    @Argument(index = 0, name = "account-id", required = true, description = "The account, for example T12345678")
    String accountId;

    @Argument(index = 1, name = "card-id", required = true, description = "The card id")
    String cardId;

    @Override
    public Object execute() {
        try {
            if (number != null) {
                emulator.addGiftCard(accountId, cardId, number, pin, balance, currency);
            }
            System.out.println("Gift card " + cardId + " of " + accountId + ": balance "
                    + emulator.giftCardBalance(accountId, cardId));
        } catch (RuntimeException e) {
            System.err.println("Error: " + e.getMessage());
        }
        return null;
    }
}
