package io.toneguard.server.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The agent desktop page as a person uses it (a page object): every action and reading a test
 * needs, by what the agent sees, so tests read as steps. Works against any server that serves the page.
 */
final class AgentDesktopPage {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private final WebDriver driver;
    private final WebDriverWait wait;
    private final String baseUrl;

    AgentDesktopPage(WebDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        // the page redraws rows as events arrive: a reference found a moment ago may be gone, so look again
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(10));
        this.wait.ignoring(StaleElementReferenceException.class);
    }

    /**
     * Debian's chromium, headless, through Debian's chromedriver (Selenium Manager never downloads
     * anything); fails with what to install when they are missing.
     */
    static ChromeDriver startChromium(Path profileDir) {
        for (String exe : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(Path.of(exe))) {
                throw new IllegalStateException(exe + " is missing: install Debian's chromium and chromium-driver"
                        + " (apt-get install -y chromium chromium-driver), or set TONEGUARD_SKIP_BROWSER=1 to skip the browser test");
            }
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM);
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profileDir.toAbsolutePath(), "--window-size=1280,860", "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(CHROMEDRIVER).toFile()).build();
        return new ChromeDriver(service, o);
    }

    static boolean skipped() {
        return "1".equals(System.getenv("TONEGUARD_SKIP_BROWSER"));
    }

    AgentDesktopPage open() {
        driver.get(baseUrl + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        return this;
    }

    AgentDesktopPage signIn(String token) {
        WebElement t = driver.findElement(By.id("token"));
        t.clear();
        t.sendKeys(token);
        driver.findElement(By.id("sign-in")).click();
        return this;
    }

    String signInError() {
        return wait.until(d -> {
            String text = d.findElement(By.id("sign-in-error")).getText();
            return text.isBlank() ? null : text;
        });
    }

    /** Waits until the event stream says it is live. */
    AgentDesktopPage waitUntilLive() {
        wait.until(ExpectedConditions.textToBe(By.id("live"), "Live"));
        return this;
    }

    String signedInAs() {
        return driver.findElement(By.id("who")).getText();
    }

    WebElement call(String callId) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-call-id='" + callId + "']")));
    }

    AgentDesktopPage selectCall(String callId) {
        call(callId).click();
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("[data-call-id='" + callId + "']"), "aria-pressed", "true"));
        return this;
    }

    /** Fills in and submits the start form; {@code kind} is card or bankAccount. */
    AgentDesktopPage startCapture(String kind, String amount, String currency, String reference, String description) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("capture-form")));
        driver.findElement(By.cssSelector("input[name='kind'][value='" + kind + "']")).click();
        type("amount", amount);
        new Select(driver.findElement(By.id("currency"))).selectByVisibleText(currency);
        type("reference", reference);
        type("description", description);
        driver.findElement(By.id("start-capture")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("capture-view")));
        return this;
    }

    private void type(String id, String text) {
        WebElement e = driver.findElement(By.id(id));
        e.clear();
        if (text != null) {
            e.sendKeys(text);
        }
    }

    String captureError() {
        return driver.findElement(By.id("capture-error")).getText();
    }

    String amountShown() {
        return driver.findElement(By.id("capture-amount")).getText();
    }

    private By field(String apiName) {
        return By.cssSelector("[data-field='" + apiName + "']");
    }

    /** Waits until the field's row is in {@code state} (waiting, entering, obtained, invalid). */
    AgentDesktopPage waitForField(String apiName, String state) {
        wait.until(ExpectedConditions.attributeToBe(field(apiName), "data-state", state));
        return this;
    }

    /** Waits until the field's detail (digit count, brand and masked value, reason) contains {@code text}. */
    AgentDesktopPage waitForFieldDetail(String apiName, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                new By.ByCssSelector("[data-field='" + apiName + "'] .field-detail"), text));
        return this;
    }

    String fieldStateLabel(String apiName) {
        return text(By.cssSelector("[data-field='" + apiName + "'] .field-state"));
    }

    String fieldDetail(String apiName) {
        return text(By.cssSelector("[data-field='" + apiName + "'] .field-detail"));
    }

    AgentDesktopPage reRequest(String apiName) {
        return click(By.cssSelector("[data-field='" + apiName + "'] [data-action='request']"));
    }

    AgentDesktopPage clear(String apiName) {
        return click(By.cssSelector("[data-field='" + apiName + "'] [data-action='clear']"));
    }

    private String text(By by) {
        return wait.until(d -> d.findElement(by).getText());
    }

    private AgentDesktopPage click(By by) {
        wait.until(d -> {
            d.findElement(by).click();
            return true;
        });
        return this;
    }

    AgentDesktopPage waitForCaptureState(String label) {
        wait.until(ExpectedConditions.textToBe(By.id("capture-state"), label));
        return this;
    }

    AgentDesktopPage waitForRecording(String text) {
        wait.until(ExpectedConditions.textToBe(By.id("recording"), text));
        return this;
    }

    boolean processEnabled() {
        return Boolean.parseBoolean(wait.until(d -> String.valueOf(d.findElement(By.id("process")).isEnabled())));
    }

    AgentDesktopPage waitUntilProcessEnabled() {
        wait.until(ExpectedConditions.elementToBeClickable(By.id("process")));
        return this;
    }

    AgentDesktopPage processPayment() {
        driver.findElement(By.id("process")).click();
        return this;
    }

    AgentDesktopPage cancel() {
        driver.findElement(By.id("cancel")).click();
        return this;
    }

    /** Waits for the result box's heading (Payment approved, Payment declined, ...) and returns the whole box's text. */
    String waitForResult(String heading) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#result h3"), heading));
        return text(By.id("result"));
    }

    String transactionId() {
        return text(By.id("transaction-id"));
    }

    String authorizationCode() {
        return text(By.id("authorization-code"));
    }

    void screenshot(Path png) throws IOException {
        Files.createDirectories(png.getParent());
        Files.write(png, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }
}
