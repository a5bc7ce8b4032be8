package io.klinebench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.klinebench.bench.Bench;
import io.klinebench.bench.BenchResult;
import io.klinebench.bench.BuiltInSequences;
import io.klinebench.bench.SequenceLoader;
import io.klinebench.bench.SequenceRunner;
import io.klinebench.config.ProfileCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The HTML report in a real browser: Debian's headless Chromium through its chromedriver loads
 * the page of the shipped ritual, of a failed ritual and of a K-line session from a file, and
 * the test checks what a person would: the script ran without errors, the lanes are drawn, a
 * missed window is drawn as missed, hovering over an item shows its fields, zooming lays the
 * items out again down to single bytes. Screenshots stay in target/screenshots.
 *
 * <p>Every wait is on a condition with a generous limit: CI machines are busy.
 */
class HtmlReportBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path PAGES = Path.of("target/html-report");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /**
     * Selenium looks for DevTools bindings of the browser's version and warns when it has none
     * (Debian's Chromium is often newer than the Selenium release); the test uses WebDriver only.
     * Held here so that the logger and its level are not collected.
     */
    private static final java.util.logging.Logger CDP_VERSIONS =
            java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    private static WebDriver browser;

    @BeforeAll
    static void startBrowser() throws IOException {
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "no headless browser: the HTML report's browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
                        + " (Debian: apt-get install --no-install-recommends chromium chromium-driver; .ci/run "
                        + "installs them)");
        Files.createDirectories(PAGES);
        Files.createDirectories(SCREENSHOTS);
        CDP_VERSIONS.setLevel(Level.OFF);
        // The driver named here is the one used: Selenium Manager never looks for (or downloads) one.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--window-size=1600,1000",
                "--hide-scrollbars",
                "--force-device-scale-factor=1");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .withTimeout(PATIENCE)
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(PATIENCE).scriptTimeout(PATIENCE);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theShippedRitual() throws Exception {
        open(page("ritual", Bench.run("r53-2005-2008-ritual")), "");
        assertThat(laneIds()).contains("steps", "ignition", "key", "doors", "locks", "remote", "learn", "windows");
        assertThat(browser.findElement(By.id("outcome")).getText()).startsWith("PASSED");
        assertThat(browser.findElements(By.cssSelector("g.item.window.missed"))).isEmpty();

        // A real pointer over the learning press: the details box shows that event's fields.
        WebElement press = browser.findElement(By.cssSelector("g.item.press.resynchronised"));
        new Actions(browser)
                .moveToElement(press.findElement(By.cssSelector("rect.mark")))
                .perform();
        waitFor(() -> details().contains("remote-sent"));
        assertThat(details()).contains("buttons", "lock+unlock", "remote-learned");
        new Actions(browser)
                .click(press.findElement(By.cssSelector("rect.mark")))
                .perform();
        waitFor(() -> press.getAttribute("class").contains("selected"));
        noScriptErrors();
        screenshot("ritual");
    }

    @Test
    void aFailedRitualShowsItsMissedWindow() throws Exception {
        open(page("failed-ritual", failedRitual()), "");
        assertThat(browser.findElement(By.id("outcome")).getText()).startsWith("FAILED");
        List<WebElement> missed = browser.findElements(By.cssSelector("g.item.window.missed"));
        assertThat(missed).isNotEmpty();
        WebElement window = missed.get(0);
        assertThat(window.isDisplayed()).isTrue();
        assertThat(number(window.findElement(By.cssSelector("rect.bar")), "width"))
                .isGreaterThan(10);
        assertThat(window.findElements(By.cssSelector("line.limit"))).hasSize(1);
        assertThat(window.findElement(By.tagName("title")).getAttribute("textContent"))
                .startsWith("completion.key-out-deadline MISSED by 3s");

        // A link to the window selects it.
        open(PAGES.resolve("failed-ritual.html"), "#item=" + window.getAttribute("id"));
        waitFor(() -> details().contains("NO, missed"));
        assertThat(details()).contains("completion.key-out-deadline", "margin", "-3s");
        noScriptErrors();
        screenshot("failed-ritual");
    }

    @Test
    void aKLineSessionZoomsDownToSingleBytes() throws Exception {
        Path file = page("kline-session", Bench.run("r53-2005-2008-kline-read-cycles"));
        open(file, "");
        assertThat(laneIds()).contains("kline-link", "kline-tester", "kline-ecu", "bytes-tester", "bytes-ecu");
        noScriptErrors();
        screenshot("kline-session");

        WebElement frame = browser.findElement(By.cssSelector("g.item.frame.tester"));
        long t0 = Long.parseLong(frame.getAttribute("data-t0"));
        WebElement firstByte = browser.findElement(By.cssSelector("g.item.byte.tester"));
        double wholeRun = number(firstByte.findElement(By.cssSelector("rect.bar")), "width");

        // Zoom by a link to 40 ms around the tester's first request: bytes become boxes with their hex.
        long from = t0 - 10_000_000L;
        open(file, "#zoom=" + from + "," + (from + 40_000_000L));
        WebElement byteBar = browser.findElement(By.cssSelector("g.item.byte.tester rect.bar"));
        waitFor(() -> number(byteBar, "width") > 20);
        // A byte is about 1 ms: at the whole run (53 s) it is drawn at the least width, 1 px.
        assertThat(wholeRun).isEqualTo(1);
        assertThat(number(byteBar, "width")).isGreaterThan(wholeRun * 20);
        WebElement label = browser.findElement(By.cssSelector("g.item.byte.tester text"));
        assertThat(label.isDisplayed()).isTrue();
        screenshot("kline-session-bytes");

        // The buttons zoom too: out halves the detail, fit shows the whole run again.
        String range = browser.findElement(By.id("view-range")).getText();
        browser.findElement(By.id("zoom-out")).click();
        waitFor(() -> !browser.findElement(By.id("view-range")).getText().equals(range));
        browser.findElement(By.id("fit")).click();
        waitFor(() -> browser.findElement(By.id("view-range")).getText().startsWith("0s to 52.7"));
        noScriptErrors();
    }

    @Test
    void aCheckedTraceShowsItsBytesAndTheRulesBroken() throws Exception {
        // A tester whose bytes are 25 ms apart (P4max 20 ms), as validate reads it back from a trace.
        Bench bench = Bench.of("r56-2007-2013", io.klinebench.bench.CarSetup.of());
        bench.advance("1s")
                .perform("tester inter-byte 25ms")
                .perform("tester fast-init")
                .advance("1s");
        assertThat(bench.violations()).isNotEmpty();
        Path file = PAGES.resolve("validate.html");
        HtmlReport.write(
                file,
                HtmlReport.ofTrace(
                        "bench.trace",
                        "Judged by r56-2007-2013",
                        "FAILED: " + bench.violations().size() + " timing violations",
                        bench.trace(),
                        HtmlReport.byteNanos(10_400, "8N1"),
                        bench.violations(),
                        List.of()));
        open(file, "");
        assertThat(laneIds()).containsExactly("kline-tester", "bytes-tester", "windows");
        assertThat(browser.findElements(By.cssSelector("g.item.window.missed")))
                .hasSize(bench.violations().size());
        // The axis starts at the trace's first stamp, not at zero.
        assertThat(browser.findElement(By.id("view-range")).getText()).startsWith("1s to ");
        noScriptErrors();
        screenshot("validate-trace");
    }

    /** The shipped ritual with the key pulled eight seconds after the fourth cycle, so that it fails. */
    /** The shipped ritual with the key pulled 8 s after the last cycle: its parameter key_out. */
    private static BenchResult failedRitual() throws Exception {
        BenchResult result = SequenceRunner.run(new SequenceLoader(ProfileCatalog.builtIn())
                .read(BuiltInSequences.tree("r53-2005-2008-ritual"), Map.of("key_out", "8s")));
        assertThat(result.passed()).as("the ritual with the key out late fails").isFalse();
        return result;
    }

    private static Path page(String name, BenchResult result) throws IOException {
        Path file = PAGES.resolve(name + ".html");
        HtmlReport.write(file, HtmlReport.of(result));
        return file;
    }

    /** Loads the page and waits until its script has laid it out. */
    private static void open(Path file, String fragment) {
        // about:blank first, so that a new fragment on the same page loads it afresh.
        browser.get("about:blank");
        browser.get(file.toAbsolutePath().toUri() + fragment);
        new WebDriverWait(browser, PATIENCE)
                .until(d -> "1".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
    }

    private static List<String> laneIds() {
        return browser.findElements(By.cssSelector("svg#timeline g.lane")).stream()
                .map(l -> l.getAttribute("data-lane"))
                .toList();
    }

    private static String details() {
        return browser.findElement(By.id("details")).getText();
    }

    private static double number(WebElement e, String attribute) {
        return Double.parseDouble(e.getAttribute(attribute));
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, PATIENCE).until(d -> condition.getAsBoolean());
    }

    /** Neither the page's own error list nor the browser's console has an error. */
    private static void noScriptErrors() {
        Object errors = ((JavascriptExecutor) browser).executeScript("return document.body.dataset.errors || ''");
        assertThat(errors).as("errors the page caught").isEqualTo("");
        List<LogEntry> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .toList();
        assertThat(severe).as("the browser console's errors").isEmpty();
    }

    /** Written as bytes (not Selenium's temporary file copied, which is private to its owner). */
    private static void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
    }
}
