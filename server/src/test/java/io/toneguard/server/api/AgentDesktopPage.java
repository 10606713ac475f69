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
public final class AgentDesktopPage {
    public static final String CHROMIUM = "/usr/bin/chromium";
    public static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private final WebDriver driver;
    private final WebDriverWait wait;
    private final String baseUrl;

    public AgentDesktopPage(WebDriver driver, String baseUrl) {
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
    public static ChromeDriver startChromium(Path profileDir) {
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

    public static boolean skipped() {
        return "1".equals(System.getenv("TONEGUARD_SKIP_BROWSER"));
    }

    public AgentDesktopPage open() {
        driver.get(baseUrl + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        return this;
    }

    public AgentDesktopPage signIn(String token) {
        WebElement t = driver.findElement(By.id("token"));
        t.clear();
        t.sendKeys(token);
        driver.findElement(By.id("sign-in")).click();
        return this;
    }

    public String signInError() {
        return wait.until(d -> {
            String text = d.findElement(By.id("sign-in-error")).getText();
            return text.isBlank() ? null : text;
        });
    }

    /** Waits until the event stream says it is live. */
    public AgentDesktopPage waitUntilLive() {
        wait.until(ExpectedConditions.textToBe(By.id("live"), "Live"));
        return this;
    }

    public String signedInAs() {
        return driver.findElement(By.id("who")).getText();
    }

    public WebElement call(String callId) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-call-id='" + callId + "']")));
    }

    public AgentDesktopPage selectCall(String callId) {
        call(callId).click();
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("[data-call-id='" + callId + "']"), "aria-pressed", "true"));
        return this;
    }

    /** Fills in and submits the start form; {@code kind} is card or bankAccount. */
    public AgentDesktopPage startCapture(String kind, String amount, String currency, String reference, String description) {
        return fillAndSubmit(kind, amount, currency, reference, description, "start-capture");
    }

    /** The same form, sent with "Send to payment IVR": the caller keys the card guided by prompts. */
    public AgentDesktopPage sendToIvr(String kind, String amount, String currency, String reference, String description) {
        return fillAndSubmit(kind, amount, currency, reference, description, "start-ivr");
    }

    private AgentDesktopPage fillAndSubmit(String kind, String amount, String currency, String reference, String description,
            String button) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("capture-form")));
        driver.findElement(By.cssSelector("input[name='kind'][value='" + kind + "']")).click();
        type("amount", amount);
        new Select(driver.findElement(By.id("currency"))).selectByVisibleText(currency);
        type("reference", reference);
        type("description", description);
        driver.findElement(By.id(button)).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("capture-view")));
        return this;
    }

    /** The IVR badge's text once shown ("Caller in payment IVR", "Back from IVR: paid"). */
    public String waitForIvr(String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ivr"), text));
        return driver.findElement(By.id("ivr")).getText();
    }

    private void type(String id, String text) {
        WebElement e = driver.findElement(By.id(id));
        e.clear();
        if (text != null) {
            e.sendKeys(text);
        }
    }

    public String captureError() {
        return driver.findElement(By.id("capture-error")).getText();
    }

    public String amountShown() {
        return driver.findElement(By.id("capture-amount")).getText();
    }

    private By field(String apiName) {
        return By.cssSelector("[data-field='" + apiName + "']");
    }

    /** Waits until the field's row is in {@code state} (waiting, entering, obtained, invalid). */
    public AgentDesktopPage waitForField(String apiName, String state) {
        wait.until(ExpectedConditions.attributeToBe(field(apiName), "data-state", state));
        return this;
    }

    /** Waits until the field's detail (digit count, brand and masked value, reason) contains {@code text}. */
    public AgentDesktopPage waitForFieldDetail(String apiName, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                new By.ByCssSelector("[data-field='" + apiName + "'] .field-detail"), text));
        return this;
    }

    public String fieldStateLabel(String apiName) {
        return text(By.cssSelector("[data-field='" + apiName + "'] .field-state"));
    }

    public String fieldDetail(String apiName) {
        return text(By.cssSelector("[data-field='" + apiName + "'] .field-detail"));
    }

    public AgentDesktopPage reRequest(String apiName) {
        return click(By.cssSelector("[data-field='" + apiName + "'] [data-action='request']"));
    }

    public AgentDesktopPage clear(String apiName) {
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

    public AgentDesktopPage waitForCaptureState(String label) {
        wait.until(ExpectedConditions.textToBe(By.id("capture-state"), label));
        return this;
    }

    public AgentDesktopPage waitForRecording(String text) {
        wait.until(ExpectedConditions.textToBe(By.id("recording"), text));
        return this;
    }

    public boolean processEnabled() {
        return Boolean.parseBoolean(wait.until(d -> String.valueOf(d.findElement(By.id("process")).isEnabled())));
    }

    public AgentDesktopPage waitUntilProcessEnabled() {
        wait.until(ExpectedConditions.elementToBeClickable(By.id("process")));
        return this;
    }

    public AgentDesktopPage processPayment() {
        driver.findElement(By.id("process")).click();
        return this;
    }

    public AgentDesktopPage cancel() {
        driver.findElement(By.id("cancel")).click();
        return this;
    }

    /** Waits for the result box's heading (Payment approved, Payment declined, ...) and returns the whole box's text. */
    public String waitForResult(String heading) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#result h3"), heading));
        return text(By.id("result"));
    }

    public String transactionId() {
        return text(By.id("transaction-id"));
    }

    public String authorizationCode() {
        return text(By.id("authorization-code"));
    }

    public void screenshot(Path png) throws IOException {
        Files.createDirectories(png.getParent());
        Files.write(png, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }
}
