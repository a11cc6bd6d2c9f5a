package org.tillpay.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The console as a user drives it in {@link ConsoleBrowserIT}'s browser: its elements found by {@code data-testid}
 * and waited for, the flows the tests share (logging in, ringing up a sale, paying on the emulator's hosted page),
 * the console API with HTTP Basic, screenshots and, on a failure, the evidence.
 */
final class ConsolePage {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String API = "/tillpay/console/api/v1";

    private final WebDriver browser;
    private final WebDriverWait wait;
    private final String test;
    private final KarafProcess karaf;
    private final Path screenshots;

    ConsolePage(WebDriver browser, WebDriverWait wait, String test, KarafProcess karaf, Path screenshots) {
        this.browser = browser;
        this.wait = wait;
        this.test = test;
        this.karaf = karaf;
        this.screenshots = screenshots;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Pages

    /** A sale line as the till takes it. */
    record Line(String description, int quantity, String price, String vatPercent) {
    }

    /** Opens the console and logs in (the page after is the caller's to wait for). */
    void logIn(String user, String password) {
        browser.get(karaf.baseUrl() + "/tillpay/console/");
        type("login-username", user);
        type("login-password", password);
        shot("00-login");
        click("login-submit");
    }

    /** Fills the till: the demo store, the sale reference and the lines. */
    void ringUp(String saleReference, Line... lines) {
        visible("till-reference");
        if (!browser.findElements(testId("till-store")).isEmpty()) {
            type("till-store", "demo");
        }
        type("till-reference", saleReference);
        for (int n = 1; n <= lines.length; n++) {
            if (n > 1 && browser.findElements(testId("line-description-" + n)).isEmpty()) {
                click("add-line");
            }
            Line line = lines[n - 1];
            type("line-description-" + n, line.description());
            type("line-quantity-" + n, Integer.toString(line.quantity()));
            type("line-price-" + n, line.price());
            type("line-vat-" + n, line.vatPercent());
        }
    }

    void assertTotal(String total) {
        wait.withMessage("till-total shows " + total).until(ExpectedConditions.textToBePresentInElementLocated(
                testId("till-total"), total));
    }

    /** On the payments page, opens one payment's detail. */
    void openPayment(String paymentId) {
        click("nav-payments");
        visible("payments-table");
        shot("02-payments");
        click("payment-row-" + paymentId);
        visible("payment-detail-status");
        shot("03-payment-detail");
    }

    /**
     * On the emulator's hosted payment page (the current tab): chooses the method, pays, and waits for the shop's
     * return page.
     */
    void payOnHostedPage(String method, String step) {
        By button = By.cssSelector("form button[name='method'][value='" + method + "']");
        wait.withMessage("the hosted page offers " + method).until(ExpectedConditions.elementToBeClickable(button));
        shot(step + "-hosted-page");
        browser.findElement(button).click();
        wait.withMessage("the customer is back on the shop's return page")
                .until(ExpectedConditions.urlContains("/tillpay/dintero/return"));
        assertTrue(browser.getPageSource(), browser.findElement(By.tagName("h1")).getText().contains("Thank you"));
        shot(step + "-hosted-page-paid");
    }

    /**
     * The customer opens the payment link in a new tab and pays on the hosted page; the browser is back on the till's
     * tab afterwards.
     */
    void payInNewTab(String link, String method, String step) {
        String till = browser.getWindowHandle();
        browser.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        browser.get(link);
        payOnHostedPage(method, step);
        browser.switchTo().window(till);
    }

    /**
     * A sale started through the API (two lines, 797.00, link only) and paid with Vipps on the hosted page in this
     * browser.
     *
     * @return its payment id, once the API says it is paid
     */
    String paidSale(String saleReference) throws Exception {
        JsonNode sale = api("POST", "/stores/demo/payments", "cashier", "{\"saleReference\":\"" + saleReference
                + "\",\"currency\":\"NOK\",\"linkOnly\":true,\"lines\":["
                + "{\"lineId\":\"1\",\"description\":\"Genser\",\"quantity\":2,\"unitPriceMinor\":29900},"
                + "{\"lineId\":\"2\",\"description\":\"Bok\",\"unitPriceMinor\":19900,\"vatPercent\":0}]}");
        String paymentId = sale.path("paymentId").asText();
        assertFalse(sale.toString(), paymentId.isEmpty());
        browser.get(sale.path("paymentUrl").asText());
        payOnHostedPage("vipps", "01");
        wait.withMessage("the API says " + paymentId + " is paid").until(d -> {
            try {
                return api("GET", "/payments/" + paymentId, "cashier", null).path("paid").asBoolean();
            } catch (Exception e) {
                return false;
            }
        });
        return paymentId;
    }

    /** Scrolls an element to the middle of the window, for the next screenshot. */
    void scrollTo(String id) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", visible(id));
    }

    /** Leaves a mark in the page's window, gone if the page is ever reloaded. */
    void markPage() {
        ((JavascriptExecutor) browser).executeScript("window.tillpayNotReloaded = true;");
    }

    void assertPageNotReloaded() {
        assertEquals("the till was reloaded", Boolean.TRUE,
                ((JavascriptExecutor) browser).executeScript("return window.tillpayNotReloaded === true;"));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Elements by data-testid, waited for

    static By testId(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }

    WebElement visible(String id) {
        return wait.withMessage(id + " is shown").until(ExpectedConditions.visibilityOfElementLocated(testId(id)));
    }

    /** @return a property of a shown element (an element the page redraws meanwhile is found again) */
    String attribute(String id, String name) {
        return wait.withMessage(id + " is shown with " + name).until(d -> {
            WebElement e = ExpectedConditions.visibilityOfElementLocated(testId(id)).apply(d);
            String value = e == null ? null : e.getDomProperty(name);
            return value == null || value.isEmpty() ? null : value;
        });
    }

    void click(String id) {
        wait.withMessage(id + " can be clicked").until(d -> {
            WebElement e = ExpectedConditions.elementToBeClickable(testId(id)).apply(d);
            if (e == null) {
                return false;
            }
            e.click();
            return true;
        });
    }

    /** Types into an input (replacing what it held), or chooses in a select by value or by text. */
    void type(String id, String text) {
        wait.withMessage(id + " holds " + text).until(d -> {
            WebElement e = ExpectedConditions.visibilityOfElementLocated(testId(id)).apply(d);
            if (e == null) {
                return false;
            }
            if ("select".equalsIgnoreCase(e.getTagName())) {
                choose(id, new Select(e), text);
                return true;
            }
            if (!text.equals(e.getDomProperty("value"))) {
                e.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
                e.sendKeys(text);
            }
            return text.equals(e.getDomProperty("value"));
        });
    }

    static void choose(String id, Select select, String text) {
        for (WebElement option : select.getOptions()) {
            String label = option.getText().trim();
            if (text.equals(option.getDomProperty("value")) || label.equals(text) || label.startsWith(text + " ")) {
                if (!option.isSelected()) {
                    option.click();
                }
                return;
            }
        }
        throw new AssertionError(id + " offers no " + text + ": "
                + select.getOptions().stream().map(o -> o.getDomProperty("value")).toList());
    }

    /** Ticks or unticks a checkbox, if the page has it. */
    void check(String id, boolean on) {
        if (browser.findElements(testId(id)).isEmpty()) {
            return;
        }
        wait.withMessage(id + (on ? " ticked" : " unticked")).until(d -> {
            WebElement box = ExpectedConditions.elementToBeClickable(testId(id)).apply(d);
            if (box != null && box.isSelected() != on) {
                box.click();
            }
            return box != null && box.isSelected() == on;
        });
    }

    void awaitText(String id, String text) {
        wait.withMessage(id + " says " + text).until(ExpectedConditions.textToBe(testId(id), text));
    }

    void awaitDone(String id) {
        wait.withMessage(id + " is done").until(d -> Arrays.asList(d.findElement(testId(id)).getDomAttribute("class")
                .split("\\s+")).contains("done"));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // API, screenshots, evidence

    /** A call to the console API with HTTP Basic. */
    JsonNode api(String method, String path, String user, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(karaf.baseUrl() + API + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(method + " " + path + ": " + r.statusCode() + " " + r.body(), r.statusCode() / 100 == 2);
        return JSON.readTree(r.body());
    }

    /** Saves the current page as {@code target/screenshots/<test>-<step>.png}. */
    void shot(String step) {
        Path file = screenshots.resolve(test + "-" + step + ".png");
        try {
            Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new IllegalStateException("could not write " + file, e);
        }
    }

    /** On a failure: the page as PNG and HTML, the browser's console, and Karaf's log. */
    void saveEvidence() {
        try {
            String page = browser.getCurrentUrl();
            shot("FAILED");
            Files.writeString(screenshots.resolve(test + "-FAILED.html"), browser.getPageSource());
            System.err.println("==== " + test + " failed on " + page + "; see " + screenshots.toAbsolutePath()
                    .resolve(test + "-FAILED.png") + " and .html ====");
            System.err.println("==== the browser's console ====");
            for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
                System.err.println(entry);
            }
        } catch (RuntimeException | IOException e) {
            System.err.println("could not save the page: " + e);
        }
        System.err.println("==== " + karaf.home().resolve("data/log/karaf.log") + ", last 300 lines ====");
        System.err.println(karaf.logTail(300));
    }
}
