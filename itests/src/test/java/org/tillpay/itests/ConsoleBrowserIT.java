package org.tillpay.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.AssumptionViolatedException;
import org.junit.rules.TestRule;
import org.junit.runners.model.Statement;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;

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
    private static final Path DOWNLOADS = Path.of("target", "downloads").toAbsolutePath();
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
    private ConsolePage page;
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
            page = new ConsolePage(browser, wait, test, karaf, SCREENSHOTS);
            try {
                base.evaluate();
            } catch (AssumptionViolatedException skipped) {
                throw skipped;
            } catch (Throwable failure) {
                page.saveEvidence();
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
                .set("org.tillpay.dintero.store-demo.cfg", "parked.poll.interval.seconds", "10")
                // a shell user, to have the emulator pay out (dintero-emulator:settle) through bin/client
                .append("users.properties", "\nkaraf = karaf,_g_:admingroup\n"
                        + "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh\n");
        Files.createDirectories(DOWNLOADS);
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
        options.setExperimentalOption("prefs", Map.of("download.default_directory", DOWNLOADS.toString(),
                "download.prompt_for_download", false));
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
        page.logIn("cashier", "cashier");
        page.click("nav-till");
        page.ringUp("S-BR-1", new ConsolePage.Line("Genser", 2, "299.00", "25"), new ConsolePage.Line("Bok", 1, "199.00", "0"));
        page.assertTotal("797.00");
        page.type("till-phone", "+4799999999");
        page.check("till-send-sms", true);
        page.check("till-send-email", false);
        page.check("till-link-only", false);
        page.check("till-park", false);
        page.shot("01-till-filled");
        page.click("send-link");
        page.awaitText("sale-status", "LINK_SENT");
        page.awaitDone("sale-step-sent");
        String link = page.attribute("sale-link", "href");
        assertTrue(link, link.startsWith(karaf.baseUrl() + "/dintero-emulator/checkout"));
        page.shot("02-link-sent");
        page.markPage();

        page.payInNewTab(link, "vipps", "03");

        page.awaitText("sale-status", "AUTHORIZED");
        page.awaitDone("sale-step-opened");
        page.awaitDone("sale-step-paid");
        page.shot("04-till-paid");
        page.assertPageNotReloaded();

        JsonNode sale = page.api("GET", "/payments?store=demo&sale=S-BR-1", "cashier", null).get(0);
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
        page.logIn("cashier", "cashier");
        page.click("nav-till");
        page.ringUp("S-BR-2", new ConsolePage.Line("Sykkel", 1, "4999.00", "25"));
        page.type("till-phone", "+4799999999");
        page.check("till-send-email", false);
        page.check("till-link-only", false);
        page.check("till-park", false);
        page.click("send-link");
        page.awaitText("sale-status", "LINK_SENT");
        String link = page.attribute("sale-link", "href");
        page.shot("01-link-sent");
        page.click("sale-park");
        By parkedStatus = By.cssSelector("[data-testid='parked-row-S-BR-2'] [data-testid='parked-status']");
        wait.withMessage("parked-row-S-BR-2 shows LINK_SENT").until(ExpectedConditions.textToBe(parkedStatus,
                "LINK_SENT"));
        page.shot("02-parked");
        page.click("new-sale"); // the cashier moves on: the till no longer follows S-BR-2, only the parked list does
        wait.withMessage("a new sale").until(ExpectedConditions.not(ExpectedConditions.attributeToBe(
                ConsolePage.testId("till-reference"), "value", "S-BR-2")));
        page.visible("till-reference");
        page.markPage();

        page.payInNewTab(link, "card", "03");

        wait.withMessage("parked-row-S-BR-2 shows AUTHORIZED").until(ExpectedConditions.textToBe(parkedStatus,
                "AUTHORIZED"));
        page.scrollTo("parked-row-S-BR-2");
        page.shot("04-parked-paid");
        page.assertPageNotReloaded();
    }

    /**
     * A manager captures a paid sale and refunds one of its lines from the payments page; the API agrees on what was
     * refunded.
     */
    @Test
    public void managerCapturesAndRefundsOneLine() throws Exception {
        String paymentId = page.paidSale("S-BR-3");
        page.logIn("manager", "manager");
        page.openPayment(paymentId);
        page.awaitText("payment-detail-status", "AUTHORIZED");
        page.shot("04-payment-paid");
        page.type("capture-reference", "R-BR-3");
        page.click("capture-submit");
        page.awaitText("payment-detail-status", "CAPTURED");
        page.shot("05-captured");
        // a live update while the form is being filled must not wipe it: the page keeps what was typed
        page.check("refund-line-2", true);
        page.type("refund-reference", "RET-BR-3");
        assertTrue("the refund form kept line 2", browser.findElement(ConsolePage.testId("refund-line-2"))
                .isSelected());
        page.click("refund-submit");
        page.shot("06-refund-sent");
        page.awaitText("payment-detail-status", "PARTIALLY_REFUNDED");
        page.shot("07-partially-refunded");

        JsonNode payment = page.api("GET", "/payments/" + paymentId, "manager", null);
        assertEquals(payment.toString(), "PARTIALLY_REFUNDED", payment.path("status").asText());
        assertEquals(payment.toString(), 79700, payment.path("capturedMinor").asLong());
        assertEquals(payment.toString(), 19900, payment.path("refundedMinor").asLong());
    }

    /**
     * A manager opens the payouts page after Dintero paid out a captured sale: fetches it, sees the payout with its fee
     * and the monthly summary with its chart, and downloads the monthly summary as CSV, whose total is what was paid
     * out.
     */
    @Test
    public void managerSeesPayoutsAndDownloadsTheMonthlySummary() throws Exception {
        String paymentId = page.paidSale("S-BR-6");
        assertEquals("CAPTURED", page.api("POST", "/payments/" + paymentId + "/captures", "manager",
                "{\"reference\":\"R-BR-6\"}").path("status").asText());
        LocalDate payoutDate = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        String settled = karaf.client("karaf", "karaf", "dintero-emulator:settle --date " + payoutDate + " T00000001");
        assertFalse("the emulator paid out: " + settled, settled.isBlank());

        page.logIn("manager", "manager");
        page.click("nav-payouts");
        page.visible("fetch-settlements");
        page.click("fetch-settlements");
        wait.withMessage("the payout is listed").until(d -> !d.findElements(
                org.openqa.selenium.By.cssSelector("[data-testid^='payout-row-']")).isEmpty());
        page.visible("monthly-chart");
        page.scrollTo("monthly-table");
        page.shot("07-payouts");

        long paidOut = 0;
        for (JsonNode p : page.api("GET", "/stores/demo/payouts", "manager", null)) {
            paidOut += p.path("amountMinor").asLong();
        }
        Path csv = DOWNLOADS.resolve("monthly-summary-demo.csv");
        Files.deleteIfExists(csv);
        page.scrollTo("download-monthly-csv"); // clear of the page's sticky header
        page.click("download-monthly-csv");
        wait.withMessage(csv + " is downloaded").until(d -> Files.isRegularFile(csv));
        List<String> rows = Files.readAllLines(csv);
        long all = 0;
        for (String row : rows) {
            String[] f = row.split(",");
            if (f.length > 7 && f[1].equals("All")) {
                all += new java.math.BigDecimal(f[7]).movePointRight(2).longValueExact();
            }
        }
        assertEquals(String.join("\n", rows), paidOut, all);
        page.shot("08-downloaded");
    }

    /** A cashier sees a paid payment but none of the manager's actions on it. */
    @Test
    public void aCashierSeesNoManagerActions() throws Exception {
        String paymentId = page.paidSale("S-BR-5");
        page.logIn("cashier", "cashier");
        page.openPayment(paymentId);
        page.awaitText("payment-detail-status", "AUTHORIZED");
        page.scrollTo("payment-refresh");
        page.shot("04-payment-as-cashier");
        for (String action : List.of("capture-submit", "refund-submit", "payment-cancel")) {
            assertTrue(action + " is shown to a cashier", browser.findElements(ConsolePage.testId(action)).stream()
                    .noneMatch(WebElement::isDisplayed));
        }
    }

    /** A wrong password is refused with an error, and the login form stays. */
    @Test
    public void aWrongPasswordShowsAnError() {
        page.logIn("cashier", "not-the-password");
        wait.withMessage("the error region says why").until(d -> !d.findElement(ConsolePage.testId("error")).getText().isBlank());
        page.shot("01-refused");
        assertTrue(page.visible("login-submit").isDisplayed());
        assertTrue("no till for a refused login", browser.findElements(ConsolePage.testId("nav-till")).stream()
                .noneMatch(WebElement::isDisplayed));
    }
}
