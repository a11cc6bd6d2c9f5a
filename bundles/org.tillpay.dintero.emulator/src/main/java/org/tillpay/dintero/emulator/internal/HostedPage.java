package org.tillpay.dintero.emulator.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;

/** Renders the emulated hosted payment page and its end states as small, script-free HTML. */
final class HostedPage {

    private HostedPage() {
    }

    /**
     * The payment page: merchant, amount, lines, for an Express session the shipping option and a delivery address
     * form, one button per payment method the session offers and a decline button, in plain forms that post back to
     * the same URL.
     */
    static String render(PageModel page) {
        StringBuilder html = head("Pay " + page.merchantName());
        html.append("<main>\n<h1>").append(esc(page.merchantName())).append("</h1>\n")
                .append("<p class=\"amount\">").append(esc(formatAmount(page.amount(), page.currency())))
                .append("</p>\n<p class=\"reference\">Reference ").append(esc(page.merchantReference()))
                .append("</p>\n");
        List<PageModel.Line> lines = new ArrayList<>(page.lines());
        if (page.shipping() != null) {
            lines.add(page.shipping());
        }
        if (!lines.isEmpty()) {
            html.append("<table class=\"lines\">\n");
            for (PageModel.Line line : lines) {
                html.append("<tr><td>").append(esc(line.description())).append("</td><td>")
                        .append(esc(line.quantity())).append("</td><td>")
                        .append(esc(formatAmount(line.amount(), page.currency()))).append("</td></tr>\n");
            }
            html.append("</table>\n");
        }
        if ("PAID".equals(page.state())) {
            html.append("<p class=\"state\">This payment is complete (transaction ")
                    .append(esc(page.transactionId())).append(").</p>\n");
        } else {
            html.append("<form method=\"post\">\n<input type=\"hidden\" name=\"action\" value=\"pay\">\n");
            if (page.address() != null) {
                addressForm(html, page.address());
            }
            for (String method : page.methods()) {
                html.append("<button type=\"submit\" name=\"method\" value=\"").append(method).append("\">")
                        .append(esc(PaymentMethods.BY_METHOD.get(method).label())).append("</button>\n");
            }
            html.append("</form>\n<form method=\"post\">\n<input type=\"hidden\" name=\"action\" value=\"decline\">\n")
                    .append("<button type=\"submit\" class=\"decline\">Cancel payment</button>\n</form>\n");
        }
        return html.append("<p class=\"note\">Dintero emulator &middot; test account &middot; no money moves</p>\n")
                .append("</main>\n</body>\n</html>\n").toString();
    }

    /** The Express delivery address fields, all required but the country (browser-side too). */
    private static void addressForm(StringBuilder html, Map<String, String> values) {
        html.append("<fieldset class=\"address\">\n<legend>Delivery address</legend>\n");
        for (Map.Entry<String, String> field : ExpressCheckout.FIELDS.entrySet()) {
            String name = field.getKey();
            String type = "email".equals(name) ? "email" : "phone_number".equals(name) ? "tel" : "text";
            html.append("<label>").append(esc(field.getValue())).append(" <input type=\"").append(type)
                    .append("\" name=\"").append(name).append("\" value=\"").append(esc(values.get(name)))
                    .append('"').append("country".equals(name) ? "" : " required").append("></label>\n");
        }
        html.append("</fieldset>\n");
    }

    /** A page telling the customer why the link cannot be used. */
    static String message(String title, String text) {
        return head(title).append("<main>\n<h1>").append(esc(title)).append("</h1>\n<p>").append(esc(text))
                .append("</p>\n</main>\n</body>\n</html>\n").toString();
    }

    /**
     * Formats minor units with the currency's decimals, for example {@code 59800 NOK} as {@code 598.00 NOK}.
     *
     * @param minor the amount in minor units
     * @param currency the ISO 4217 code
     * @return the text
     */
    static String formatAmount(long minor, String currency) {
        int digits = 2;
        try {
            digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            // unknown code: assume two decimals
        }
        return BigDecimal.valueOf(minor, digits).toPlainString() + " " + currency;
    }

    private static StringBuilder head(String title) {
        return new StringBuilder(2048).append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(esc(title)).append("</title>\n<style>body{font-family:sans-serif;margin:2em}")
                .append("button{display:block;margin:.4em 0;padding:.6em 1.2em;min-width:12em}")
                .append("label{display:block;margin:.3em 0}.amount{font-size:2em}.decline{background:#eee}.note{color:#888}</style>\n")
                .append("</head>\n<body>\n");
    }

    private static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
