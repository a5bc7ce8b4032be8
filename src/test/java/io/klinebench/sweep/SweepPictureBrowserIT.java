package io.klinebench.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.klinebench.report.HtmlReport;
import io.klinebench.report.SweepReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * A sweep's picture in a real browser, as report.HtmlReportBrowserIT does the run's page:
 * Debian's headless Chromium through its chromedriver loads the pages of shipped sweeps, each
 * loaded by the real loader and run whole by the real sweeper, and the test checks what a
 * person would: the script ran without errors, a cell per point, a dot per margin, every
 * boundary drawn, the legend, and hovering over a point shows its values, verdict and cause.
 * Screenshots stay in target/screenshots.
 */
class SweepPictureBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path PAGES = Path.of("target/sweep-pictures");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** As in HtmlReportBrowserIT: Selenium's DevTools version warning, held off. */
    private static final java.util.logging.Logger CDP_VERSIONS =
            java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    private static WebDriver browser;

    @BeforeAll
    static void startBrowser() throws IOException {
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "no headless browser: the sweep picture's browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
                        + " (Debian: apt-get install --no-install-recommends chromium chromium-driver)");
        Files.createDirectories(PAGES);
        Files.createDirectories(SCREENSHOTS);
        CDP_VERSIONS.setLevel(Level.OFF);
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--window-size=1400,1000",
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
    void theKeyOutSweepDrawsVerdictMarginAndTheDeadline() throws Exception {
        open(page("r53-2005-2008-key-out"));
        assertThat(browser.findElement(By.id("outcome")).getText())
                .isEqualTo("8 points: 5 passed, 3 failed; 1 boundary bisected to 1ms");
        assertThat(browser.findElements(By.cssSelector("svg#sweep rect.cell"))).hasSize(8);
        assertThat(browser.findElements(By.cssSelector("svg#sweep circle.dot"))).hasSize(8);
        assertThat(browser.findElements(By.cssSelector("svg#sweep path.margin-line")))
                .singleElement()
                .satisfies(p -> assertThat(p.getAttribute("d")).startsWith("M"));
        List<WebElement> limits = browser.findElements(By.cssSelector("svg#sweep g.boundary"));
        assertThat(limits).hasSize(1);
        assertThat(limits.get(0).findElement(By.cssSelector("text.limit-label")).getText())
                .isEqualTo("5.0005s ± 500us");
        assertThat(legend()).containsExactly("passed: 5 points", "failed, ritual aborted: key-out-too-late: 3 points");

        // A real pointer over the point at 6s: the details box shows its values, verdict and cause.
        WebElement late =
                browser.findElements(By.cssSelector("svg#sweep circle.dot")).get(5);
        new Actions(browser).moveToElement(late).perform();
        waitFor(() -> details().contains("key_out = 6s"));
        assertThat(details())
                .contains("failed, ritual aborted: key-out-too-late", "first cause: ", "completion.key-out-deadline");
        noScriptErrors();
        screenshot("sweep-key-out");
    }

    @Test
    void theR56SweepIsAMapWithItsBoundaries() throws Exception {
        open(page("r56-2007-2013-run-time"));
        assertThat(browser.findElements(By.cssSelector("svg#sweep rect.cell"))).hasSize(28);
        assertThat(browser.findElements(By.cssSelector("svg#sweep circle.dot"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("svg#sweep g.boundary line.limit")))
                .hasSize(11);
        assertThat(browser.findElements(By.cssSelector("#limits li"))).hasSize(11);
        assertThat(legend())
                .containsExactly(
                        "passed: 9 points",
                        "failed, cycles.max-run-time missed: 12 points",
                        "failed, cycles.min-run-time missed: 4 points",
                        "failed, cycles.max-off-time missed: 3 points");
        // Every cell is drawn, and in its outcome's colour.
        WebElement cell =
                browser.findElements(By.cssSelector("svg#sweep rect.cell")).get(0);
        assertThat(cell.isDisplayed()).isTrue();
        String fill = cell.getCssValue("fill");
        assertThat(fill).isNotBlank().isNotEqualTo("rgb(0, 0, 0)");
        new Actions(browser).click(cell).perform();
        waitFor(() -> details().contains("off_time = 1s, run_time = 200ms"));
        assertThat(details()).contains("cycles.min-run-time missed");
        assertThat(cell.getAttribute("class")).contains("selected");
        noScriptErrors();
        screenshot("sweep-r56-map");
    }

    @Test
    void theRunTimeSweepAgainstAProfileValueAndItsStandaloneSvg() throws Exception {
        Path html = page("r53-2005-2008-run-time");
        open(html);
        assertThat(browser.findElements(By.cssSelector("svg#sweep rect.cell"))).hasSize(36);
        assertThat(browser.findElements(By.cssSelector("svg#sweep g.boundary"))).hasSize(8);
        noScriptErrors();
        screenshot("sweep-run-time-map");

        // The committed picture, as GitHub shows it: an SVG file on its own.
        browser.get(Path.of("firmware-notes/maps/r53-2005-2008-run-time.svg")
                .toAbsolutePath()
                .toUri()
                .toString());
        assertThat(browser.findElements(By.cssSelector("svg rect.cell"))).hasSize(36);
        assertThat(browser.findElements(By.cssSelector("svg g.boundary"))).hasSize(8);
        screenshot("sweep-run-time-svg");
    }

    /** Loads the shipped sweep with the real loader, runs it whole, and writes its page. */
    private static Path page(String name) throws IOException, io.klinebench.config.ConfigException {
        Sweep sweep = SweepLoader.load(Path.of("bench-config/sweeps/" + name + ".yaml"), List.of());
        PictureSink sink = new PictureSink(sweep);
        new Sweeper(sweep, 2).run(Shard.WHOLE, sink, PointProgress.NONE);
        Path file = PAGES.resolve(name + ".html");
        HtmlReport.write(file, SweepReport.html(sink.page()));
        return file;
    }

    private static void open(Path file) {
        browser.get("about:blank");
        browser.get(file.toAbsolutePath().toUri().toString());
        new WebDriverWait(browser, PATIENCE)
                .until(d -> "1".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
    }

    private static List<String> legend() {
        return browser.findElements(By.cssSelector("#legend li")).stream()
                .map(WebElement::getText)
                .toList();
    }

    private static String details() {
        return browser.findElement(By.id("details")).getText();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, PATIENCE).until(d -> condition.getAsBoolean());
    }

    private static void noScriptErrors() {
        Object errors = ((JavascriptExecutor) browser).executeScript("return document.body.dataset.errors || ''");
        assertThat(errors).as("errors the page caught").isEqualTo("");
        List<LogEntry> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .toList();
        assertThat(severe).as("the browser console's errors").isEmpty();
    }

    private static void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
    }
}
