package org.tillpay.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
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
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Ignore;
import org.junit.Rule;
import org.junit.Test;
import org.junit.AssumptionViolatedException;
import org.junit.rules.TestRule;
import org.junit.runners.model.Statement;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The console in a real browser: Debian's Chromium, headless, driven by Selenium through the system's chromedriver,
 * against the distribution run as a process ({@link KarafProcess}) with its defaults: the demo users and store, and
 * the embedded Dintero emulator, whose hosted payment page the customer pays on in the same browser. Every page a
 * test visits is saved as {@code target/screenshots/<test>-<step>.png}; on a failure also the page's source, the
 * browser's console and the tail of Karaf's log. Every wait is explicit (20 s at most); nothing sleeps.
 */
public class ConsoleBrowserIT {

    private static final String CHROMIUM = System.getProperty("tillpay.itest.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("tillpay.itest.chromedriver",
            "/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Path DRIVER_LOGS = Path.of("target", "chromedriver");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String API = "/tillpay/console/api/v1";

    /**
     * Selenium ships CDP bindings for a few Chrome versions only and warns on every start that Chromium 156 has none;
     * these tests use WebDriver, not CDP. Held here so that the setting is not collected with the logger.
     */
    private static final Logger CDP_LOG = Logger.getLogger("org.openqa.selenium.devtools");

    static {
        CDP_LOG.setLevel(Level.SEVERE);
    }

    private static KarafProcess karaf;

    private WebDriver browser;
    private WebDriverWait wait;
    private String test;

    /**
     * A fresh chromedriver and browser for each test (no cookie carried over; quitting the browser stops its
     * driver); on a failure the evidence, then the browser closed.
     */
    @Rule
    public final TestRule browserPerTest = (base, description) -> new Statement() {
        @Override
        public void evaluate() throws Throwable {
            test = description.getMethodName();
            browser = new ChromeDriver(chromedriver(), chromeOptions());
            browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(WAIT);
            // the pages redraw what changes: an element found just before a redraw is found again, and a click that
            // something else took is tried again
            wait = new WebDriverWait(browser, WAIT);
            wait.ignoring(StaleElementReferenceException.class).ignoring(ElementClickInterceptedException.class);
            try {
                base.evaluate();
            } catch (AssumptionViolatedException skipped) {
                throw skipped;
            } catch (Throwable failure) {
                saveEvidence();
                throw failure;
            } finally {
                browser.quit();
            }
        }
    };

    @BeforeClass
    public static void startKaraf() throws Exception {
        for (String exe : List.of(CHROMIUM, CHROMEDRIVER)) {
            assertTrue(exe + " is missing: the browser tests need Debian's Chromium and its driver,"
                    + " apt-get install chromium chromium-driver", Files.isExecutable(Path.of(exe)));
        }
        Files.createDirectories(SCREENSHOTS);
        Files.createDirectories(DRIVER_LOGS);
        karaf = KarafProcess.unpack("browser-").freePorts();
        String base = karaf.baseUrl();
        karaf.set("org.tillpay.dintero.emulator.cfg", "public.base.url", base + "/dintero-emulator");
        for (String cfg : List.of("org.tillpay.dintero.store-demo.cfg", "org.tillpay.dintero.partner-demo.cfg")) {
            karaf.set(cfg, "api.base.url", base + "/dintero-emulator/api")
                    .set(cfg, "checkout.base.url", base + "/dintero-emulator/checkout")
                    .set(cfg, "callback.base.url", base);
        }
        karaf.set("org.tillpay.dintero.store-demo.cfg", "poll.interval.seconds", "1")
                .set("org.tillpay.dintero.store-demo.cfg", "parked.poll.interval.seconds", "10");
        karaf.start(Duration.ofSeconds(120), "the console API lists the demo store", () -> {
            HttpResponse<String> stores = karaf.get(API + "/stores", "cashier", "cashier");
            return stores != null && stores.statusCode() == 200 && stores.body().contains("\"demo\"");
        });
    }

    @AfterClass
    public static void stopKaraf() {
        if (karaf != null) {
            karaf.stop();
        }
    }

    /** The system's chromedriver, named explicitly so that Selenium Manager neither looks for nor fetches one. */
    private ChromeDriverService chromedriver() {
        return new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort()
                .withLogFile(DRIVER_LOGS.resolve(test + ".log").toFile()).build();
    }

    private static ChromeOptions chromeOptions() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--window-size=1024,900", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--lang=en-GB");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        return options;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The tests

    /**
     * A cashier rings up two lines, sends the link by SMS; the customer opens it and pays with Vipps on the hosted
     * page; the till, never reloaded, turns paid by server-sent events.
     */
    @Test
    public void cashierSellsAndTheTillTurnsPaidWithoutReloading() throws Exception {
        logIn("cashier", "cashier");
        click("nav-till");
        ringUp("S-BR-1", new Line("Genser", 2, "299.00", "25"), new Line("Bok", 1, "199.00", "0"));
        assertTotal("797.00");
        type("till-phone", "+4799999999");
        check("till-send-sms", true);
        check("till-send-email", false);
        check("till-link-only", false);
        check("till-park", false);
        shot("01-till-filled");
        click("send-link");
        awaitText("sale-status", "LINK_SENT");
        awaitDone("sale-step-sent");
        String link = attribute("sale-link", "href");
        assertTrue(link, link.startsWith(karaf.baseUrl() + "/dintero-emulator/checkout"));
        shot("02-link-sent");
        markPage();

        String till = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.TAB);
        browser.get(link);
        payOnHostedPage("vipps", "03");
        browser.switchTo().window(till);

        awaitText("sale-status", "AUTHORIZED");
        awaitDone("sale-step-opened");
        awaitDone("sale-step-paid");
        shot("04-till-paid");
        assertPageNotReloaded();

        JsonNode sale = api("GET", "/payments?store=demo&sale=S-BR-1", "cashier", null).get(0);
        assertEquals(sale.toString(), 79700, sale.path("amountMinor").asLong());
        assertTrue("the link went by SMS: " + sale.path("history"), sale.path("history").findValues("detail").stream()
                .anyMatch(d -> d.asText().contains("sms:sent")));
    }

    /**
     * A sale parked after its link was sent ('Awaiting payment'), the till turned to a new sale, is paid later: it
     * completes by itself in the parked list.
     */
    @Test
    public void aParkedSaleCompletesInTheParkedList() {
        logIn("cashier", "cashier");
        click("nav-till");
        ringUp("S-BR-2", new Line("Sykkel", 1, "4999.00", "25"));
        type("till-phone", "+4799999999");
        check("till-send-email", false);
        check("till-link-only", false);
        check("till-park", false);
        click("send-link");
        awaitText("sale-status", "LINK_SENT");
        String link = attribute("sale-link", "href");
        shot("01-link-sent");
        click("sale-park");
        By parkedStatus = By.cssSelector("[data-testid='parked-row-S-BR-2'] [data-testid='parked-status']");
        wait.withMessage("parked-row-S-BR-2 shows LINK_SENT").until(ExpectedConditions.textToBe(parkedStatus,
                "LINK_SENT"));
        shot("02-parked");
        click("new-sale"); // the cashier moves on: the till no longer follows S-BR-2, only the parked list does
        wait.withMessage("a new sale").until(ExpectedConditions.not(ExpectedConditions.attributeToBe(
                testId("till-reference"), "value", "S-BR-2")));
        visible("till-reference");
        markPage();

        String till = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.TAB);
        browser.get(link);
        payOnHostedPage("card", "03");
        browser.switchTo().window(till);

        wait.withMessage("parked-row-S-BR-2 shows AUTHORIZED").until(ExpectedConditions.textToBe(parkedStatus,
                "AUTHORIZED"));
        scrollTo("parked-row-S-BR-2");
        shot("04-parked-paid");
        assertPageNotReloaded();
    }

    /**
     * A manager captures a paid sale and refunds one of its lines from the payments page; the API agrees on what was
     * refunded.
     */
    @Test
    public void managerCapturesAndRefundsOneLine() throws Exception {
        String paymentId = paidSale("S-BR-3");
        logIn("manager", "manager");
        openPayment(paymentId);
        awaitText("payment-detail-status", "AUTHORIZED");
        shot("04-payment-paid");
        type("capture-reference", "R-BR-3");
        click("capture-submit");
        awaitText("payment-detail-status", "CAPTURED");
        shot("05-captured");
        // the page is drawn twice after a capture (its own reload and the live update's), and a redraw empties the
        // refund form: fill it until it holds, then submit at once
        wait.withMessage("the refund form holds line 2 and RET-BR-3").until(d -> {
            check("refund-line-2", true);
            type("refund-reference", "RET-BR-3");
            return d.findElement(testId("refund-line-2")).isSelected()
                    && "RET-BR-3".equals(d.findElement(testId("refund-reference")).getDomProperty("value"));
        });
        click("refund-submit");
        shot("06-refund-sent");
        awaitText("payment-detail-status", "PARTIALLY_REFUNDED");
        shot("07-partially-refunded");

        JsonNode payment = api("GET", "/payments/" + paymentId, "manager", null);
        assertEquals(payment.toString(), "PARTIALLY_REFUNDED", payment.path("status").asText());
        assertEquals(payment.toString(), 79700, payment.path("capturedMinor").asLong());
        assertEquals(payment.toString(), 19900, payment.path("refundedMinor").asLong());
    }

    /**
     * Planned: a manager opens the payouts page and downloads the monthly summary.
     * <ol>
     * <li>a sale paid and captured (API and hosted page, as in {@link #managerCapturesAndRefundsOneLine});</li>
     * <li>the emulator settles it and the store fetches the payout ({@code POST} fetch on request);</li>
     * <li>log in as manager, {@code nav-payouts}, the payout listed with amount = capture &minus; refund &minus; fee;</li>
     * <li>download the monthly summary (Chromium's download folder set by {@code ChromeOptions} prefs
     * {@code download.default_directory}); its {@code All} row adds up to what was paid out.</li>
     * </ol>
     */
    @Ignore("payouts page not built yet")
    @Test
    public void managerDownloadsTheMonthlySummary() {
        logIn("manager", "manager");
        click("nav-payouts");
    }

    /** A cashier sees a paid payment but none of the manager's actions on it. */
    @Test
    public void aCashierSeesNoManagerActions() throws Exception {
        String paymentId = paidSale("S-BR-5");
        logIn("cashier", "cashier");
        openPayment(paymentId);
        awaitText("payment-detail-status", "AUTHORIZED");
        scrollTo("payment-refresh");
        shot("04-payment-as-cashier");
        for (String action : List.of("capture-submit", "refund-submit", "payment-cancel")) {
            assertTrue(action + " is shown to a cashier", browser.findElements(testId(action)).stream()
                    .noneMatch(WebElement::isDisplayed));
        }
    }

    /** A wrong password is refused with an error, and the login form stays. */
    @Test
    public void aWrongPasswordShowsAnError() {
        logIn("cashier", "not-the-password");
        wait.withMessage("the error region says why").until(d -> !d.findElement(testId("error")).getText().isBlank());
        shot("01-refused");
        assertTrue(visible("login-submit").isDisplayed());
        assertTrue("no till for a refused login", browser.findElements(testId("nav-till")).stream()
                .noneMatch(WebElement::isDisplayed));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Pages

    private record Line(String description, int quantity, String price, String vatPercent) {
    }

    /** Opens the console and logs in (the page after is the caller's to wait for). */
    private void logIn(String user, String password) {
        browser.get(karaf.baseUrl() + "/tillpay/console/");
        type("login-username", user);
        type("login-password", password);
        shot("00-login");
        click("login-submit");
    }

    /** Fills the till: the demo store, the sale reference and the lines. */
    private void ringUp(String saleReference, Line... lines) {
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

    private void assertTotal(String total) {
        wait.withMessage("till-total shows " + total).until(ExpectedConditions.textToBePresentInElementLocated(
                testId("till-total"), total));
    }

    /** On the payments page, opens one payment's detail. */
    private void openPayment(String paymentId) {
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
    private void payOnHostedPage(String method, String step) {
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
     * A sale started through the API (two lines, 797.00, link only) and paid with Vipps on the hosted page in this
     * browser.
     *
     * @return its payment id, once the API says it is paid
     */
    private String paidSale(String saleReference) throws Exception {
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
    private void scrollTo(String id) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", visible(id));
    }

    /** Leaves a mark in the page's window, gone if the page is ever reloaded. */
    private void markPage() {
        ((JavascriptExecutor) browser).executeScript("window.tillpayNotReloaded = true;");
    }

    private void assertPageNotReloaded() {
        assertEquals("the till was reloaded", Boolean.TRUE,
                ((JavascriptExecutor) browser).executeScript("return window.tillpayNotReloaded === true;"));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Elements by data-testid, waited for

    private static By testId(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }

    private WebElement visible(String id) {
        return wait.withMessage(id + " is shown").until(ExpectedConditions.visibilityOfElementLocated(testId(id)));
    }

    /** @return a property of a shown element (an element the page redraws meanwhile is found again) */
    private String attribute(String id, String name) {
        return wait.withMessage(id + " is shown with " + name).until(d -> {
            WebElement e = ExpectedConditions.visibilityOfElementLocated(testId(id)).apply(d);
            String value = e == null ? null : e.getDomProperty(name);
            return value == null || value.isEmpty() ? null : value;
        });
    }

    private void click(String id) {
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
    private void type(String id, String text) {
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

    private static void choose(String id, Select select, String text) {
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
    private void check(String id, boolean on) {
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

    private void awaitText(String id, String text) {
        wait.withMessage(id + " says " + text).until(ExpectedConditions.textToBe(testId(id), text));
    }

    private void awaitDone(String id) {
        wait.withMessage(id + " is done").until(d -> Arrays.asList(d.findElement(testId(id)).getDomAttribute("class")
                .split("\\s+")).contains("done"));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // API, screenshots, evidence

    /** A call to the console API with HTTP Basic. */
    private static JsonNode api(String method, String path, String user, String body) throws Exception {
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
    private void shot(String step) {
        Path file = SCREENSHOTS.resolve(test + "-" + step + ".png");
        try {
            Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new IllegalStateException("could not write " + file, e);
        }
    }

    /** On a failure: the page as PNG and HTML, the browser's console, and Karaf's log. */
    private void saveEvidence() {
        try {
            String page = browser.getCurrentUrl();
            shot("FAILED");
            Files.writeString(SCREENSHOTS.resolve(test + "-FAILED.html"), browser.getPageSource());
            System.err.println("==== " + test + " failed on " + page + "; see " + SCREENSHOTS.toAbsolutePath()
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
