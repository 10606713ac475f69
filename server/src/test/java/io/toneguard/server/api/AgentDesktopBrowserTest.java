package io.toneguard.server.api;

import static io.toneguard.server.api.AgentApiFixture.ALICE_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.media.testing.IntegrationTest;
import io.toneguard.server.capture.CaptureField;
import io.toneguard.server.capture.CaptureState;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The agent desktop page in Debian's real chromium (headless) against the API over a fake desk:
 * sign in, see the call, start a capture, watch the caller's progress arrive, process, see approval.
 * Leaves a screenshot at target/agent-desktop.png (the README's docs/agent-desktop.png is a copy of one).
 */
@IntegrationTest
class AgentDesktopBrowserTest {
    @TempDir
    Path profile;
    private AgentApiFixture f;
    private ChromeDriver chromium;
    private AgentDesktopPage page;

    @BeforeEach
    void start() {
        Assumptions.assumeFalse(AgentDesktopPage.skipped(), "TONEGUARD_SKIP_BROWSER=1");
        f = new AgentApiFixture();
        chromium = AgentDesktopPage.startChromium(profile);
        page = new AgentDesktopPage(chromium, "http://127.0.0.1:" + f.api.port());
    }

    @AfterEach
    void stop() {
        if (chromium != null) {
            chromium.quit();
        }
        if (f != null) {
            f.close();
        }
    }

    @Test
    void anAgentTakesACardPaymentFromStartToApproval() throws Exception {
        f.desk.addCall("call-1", "alice", "sip:+441632960123@carrier.example");
        f.desk.addCall("call-2", "alice", "sip:+441632960456@carrier.example");
        f.desk.addCall("call-9", "bob", "sip:+441632960999@carrier.example");

        page.open().signIn("wrong-token-0123456789");
        assertEquals("That token was not accepted.", page.signInError());
        page.signIn(ALICE_TOKEN).waitUntilLive();
        assertEquals("Signed in as alice", page.signedInAs());
        assertTrue(page.call("call-1").getText().contains("+441632960123"), page.call("call-1").getText());
        page.call("call-2");
        assertTrue(chromium.findElements(org.openqa.selenium.By.cssSelector("[data-call-id='call-9']")).isEmpty());

        page.selectCall("call-1").startCapture("card", "125.50", "GBP", "INV-2026-0042", "Annual home insurance");
        assertTrue(page.amountShown().contains("125.50"), page.amountShown());
        page.waitForCaptureState("Collecting").waitForRecording("Recording paused").waitForField("cardNumber", "entering");
        assertFalse(page.processEnabled());
        String id = f.desk.lastCaptureId();

        for (int i = 1; i <= 7; i++) {
            f.desk.digits(id, CaptureField.CARD_NUMBER, i);
        }
        page.waitForFieldDetail("cardNumber", "7 digits");
        for (int i = 8; i <= 16; i++) {
            f.desk.digits(id, CaptureField.CARD_NUMBER, i);
        }
        f.desk.obtained(id, CaptureField.CARD_NUMBER, "Visa", "•••• •••• •••• 4242", 16);
        page.waitForField("cardNumber", "obtained").waitForFieldDetail("cardNumber", "4242");
        assertTrue(page.fieldDetail("cardNumber").toLowerCase(java.util.Locale.ROOT).contains("visa"), page.fieldDetail("cardNumber"));
        assertEquals("Obtained", page.fieldStateLabel("cardNumber"));

        f.desk.digits(id, CaptureField.EXPIRY, 4);
        f.desk.invalid(id, CaptureField.EXPIRY, "The card has expired");
        page.waitForField("expiry", "invalid").waitForFieldDetail("expiry", "The card has expired");
        page.reRequest("expiry").waitForField("expiry", "entering");
        f.desk.obtained(id, CaptureField.EXPIRY, null, "••/••", 4);
        f.desk.digits(id, CaptureField.SECURITY_CODE, 3);
        page.waitForFieldDetail("securityCode", "3 digits");
        f.desk.obtained(id, CaptureField.SECURITY_CODE, null, null, 3);
        f.desk.obtained(id, CaptureField.POSTCODE, null, "SW1A •••", 7);
        page.waitForField("postcode", "obtained").waitForCaptureState("Ready to process").waitUntilProcessEnabled();

        page.processPayment();
        waitFor(() -> f.desk.view(id).state() == CaptureState.PROCESSING);
        f.desk.approve(id, "txn_3QmZ8e2LkT", "A1B2C3");
        String result = page.waitForResult("Payment approved");
        assertEquals("txn_3QmZ8e2LkT", page.transactionId(), result);
        assertEquals("A1B2C3", page.authorizationCode());
        page.waitForRecording("Recording resumed");

        page.screenshot(Path.of("target", "agent-desktop.png"));
    }

    @Test
    void anAgentSendsTheCallerToThePaymentIvr() {
        f.desk.addCall("call-1", "alice", "sip:+441632960123@carrier.example");
        page.open().signIn(ALICE_TOKEN).waitUntilLive();
        page.selectCall("call-1").sendToIvr("card", "42.00", "GBP", "IVR-7", null);
        page.waitForIvr("Caller in payment IVR");
        assertEquals(1, f.desk.ivrStarts.get(), "the page asked for the IVR, not a plain capture");
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(20);
        }
    }
}
