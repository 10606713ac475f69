package io.toneguard.server.capture;

import static io.toneguard.server.capture.CaptureHarness.card;
import static io.toneguard.server.capture.CaptureHarness.keys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.dtmf.DtmfDigit;
import io.toneguard.psp.card.CardBrand;
import io.toneguard.psp.card.CardValidator;
import io.toneguard.psp.gateway.Amount;
import io.toneguard.psp.gateway.GatewayRequest;
import io.toneguard.server.Refusal;
import io.toneguard.server.capture.CaptureEvent.CaptureCancelled;
import io.toneguard.server.capture.CaptureEvent.CaptureStarted;
import io.toneguard.server.capture.CaptureEvent.CaptureTimedOut;
import io.toneguard.server.capture.CaptureEvent.DigitProgress;
import io.toneguard.server.capture.CaptureEvent.FieldCleared;
import io.toneguard.server.capture.CaptureEvent.FieldInvalid;
import io.toneguard.server.capture.CaptureEvent.FieldObtained;
import io.toneguard.server.capture.CaptureEvent.FieldStarted;
import io.toneguard.server.capture.CaptureEvent.PaymentApproved;
import io.toneguard.server.capture.CaptureEvent.PaymentDeclined;
import io.toneguard.server.capture.CaptureEvent.PaymentSubmitted;
import io.toneguard.server.capture.CaptureEvent.ReadyToProcess;
import io.toneguard.server.capture.CaptureEvent.RecordingPaused;
import io.toneguard.server.capture.CaptureEvent.RecordingResumed;
import io.toneguard.server.records.PaymentRecord;
import io.toneguard.server.records.PaymentStatus;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CaptureSessionTest {
    private static final String VISA = "4111111111111111";
    private CaptureHarness h = new CaptureHarness(CaptureSettings.DEFAULT);

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void aWholeCardCaptureGoesThroughTheGatewayAndLeavesNothingBehind() throws Exception {
        CaptureSession s = h.start(card("order-17"));
        assertInstanceOf(CaptureStarted.class, h.next());
        assertInstanceOf(RecordingPaused.class, h.next());
        assertEquals(CaptureField.CARD_NUMBER, ((FieldStarted) h.next()).field());

        keys(s, VISA);
        for (int i = 1; i <= 16; i++) {
            assertEquals(i, ((DigitProgress) h.next()).digits());
        }
        FieldObtained pan = (FieldObtained) h.next();
        assertEquals("Visa", pan.brand());
        assertEquals("\u2022\u2022\u2022\u2022 1111", pan.masked());
        assertEquals(CaptureField.EXPIRY, ((FieldStarted) h.next()).field());

        keys(s, "1230");
        FieldObtained expiry = h.next(FieldObtained.class);
        assertNull(expiry.masked(), "expiry hidden unless configured");
        assertEquals(CaptureField.SECURITY_CODE, ((FieldStarted) h.next()).field());

        keys(s, "123");
        FieldObtained code = h.next(FieldObtained.class);
        assertNull(code.masked());
        assertNull(code.brand());
        assertInstanceOf(ReadyToProcess.class, h.next());
        assertEquals(CaptureState.READY, s.view().state());

        CaptureView processing = s.process();
        assertEquals(CaptureState.PROCESSING, processing.state());
        PaymentSubmitted submitted = (PaymentSubmitted) h.next();
        PaymentApproved approved = (PaymentApproved) h.next();
        assertFalse(approved.transactionId().isBlank());
        assertInstanceOf(RecordingResumed.class, h.next());

        CaptureView done = s.view();
        assertEquals(CaptureState.APPROVED, done.state());
        assertEquals(approved.transactionId(), done.transactionId());
        assertTrue(s.wiped(), "every digit is wiped once the payment is answered");
        assertEquals("\u2022\u2022\u2022\u2022 1111", done.fields().get(0).masked(), "the agent still sees what was obtained");
        assertEquals(16, done.fields().get(0).digits());

        PaymentRecord record = h.records.find(submitted.paymentRecordId()).orElseThrow();
        assertEquals(PaymentStatus.APPROVED, record.status());
        assertEquals(List.of(PaymentStatus.SUBMITTED, PaymentStatus.APPROVED), record.history().stream().map(c -> c.status()).toList());
        assertEquals("\u2022\u2022\u2022\u2022 1111", record.maskedAccount());
        assertEquals("Visa", record.brand());
        assertEquals("order-17", record.reference());
        assertEquals(approved.transactionId(), record.transactionId());

        GatewayRequest.Sale sale = (GatewayRequest.Sale) h.requests.get(0);
        assertTrue(sale.card().number().isWiped());
        assertTrue(sale.card().securityCode().isWiped());
        assertTrue(sale.card().expiry().isWiped());
        assertEquals(List.of("pause", "resume"), h.controls.calls());
        assertNoCardData(List.of(s.view(), record), "4111111111111111", "1230", "123");
    }

    @Test
    void aDeclineIsReportedAndTheCardIsWipedAllTheSame() throws Exception {
        CaptureSession s = h.start(card("order-18"));
        keys(s, "4000000000000002" + "1230" + "123");
        h.next(ReadyToProcess.class);
        s.process();
        PaymentDeclined declined = h.next(PaymentDeclined.class);
        assertFalse(declined.reason().isBlank());
        assertEquals(CaptureState.DECLINED, s.view().state());
        GatewayRequest.Sale sale = (GatewayRequest.Sale) h.requests.get(0);
        assertTrue(sale.card().securityCode().isWiped());
        assertTrue(sale.card().number().isWiped());
    }

    @Test
    void aCardNumberFailingLuhnIsInvalidAndCanBeAskedForAgain() throws Exception {
        CaptureSession s = h.start(card(null));
        keys(s, "4111111111111112#"); // a Visa may have 19 digits: the caller ends it with #
        FieldInvalid invalid = h.next(FieldInvalid.class);
        assertEquals(CaptureField.CARD_NUMBER, invalid.field());
        assertTrue(invalid.reason().contains("not valid"), invalid.reason());
        FieldView pan = s.view().fields().get(0);
        assertEquals(FieldState.INVALID, pan.state());
        assertEquals(invalid.reason(), pan.invalidReason());
        assertNull(s.view().activeField());

        keys(s, "4"); // nobody asked: not kept
        assertEquals(0, s.view().fields().get(0).digits());

        s.requestField(CaptureField.CARD_NUMBER);
        assertEquals(CaptureField.CARD_NUMBER, h.next(FieldStarted.class).field());
        keys(s, VISA);
        assertEquals(CaptureField.CARD_NUMBER, h.next(FieldObtained.class).field());
    }

    @Test
    void anUnknownOrRefusedPrefixIsInvalidAsSoonAsItIsKnown() throws Exception {
        h.close();
        h = new CaptureHarness(CaptureSettings.DEFAULT.withValidator(new CardValidator(
                CaptureSettings.DEFAULT.validator().policy().withAcceptedBrands(CardBrand.VISA))));
        CaptureSession s = h.start(card(null));
        keys(s, "555555");
        FieldInvalid invalid = h.next(FieldInvalid.class);
        assertTrue(invalid.reason().contains("not accepted"), invalid.reason());
        assertTrue(h.drain().stream().noneMatch(e -> e instanceof DigitProgress && ((DigitProgress) e).digits() > 6));
    }

    @Test
    void starFromTheCallerCancelsTheFieldBeingEntered() throws Exception {
        CaptureSession s = h.start(card(null));
        keys(s, "4111*");
        FieldCleared cleared = h.next(FieldCleared.class);
        assertEquals(CaptureField.CARD_NUMBER, cleared.field());
        assertEquals(FieldState.WAITING, s.view().fields().get(0).state());
        assertEquals(0, s.view().fields().get(0).digits());
        assertNull(s.view().activeField());
    }

    @Test
    void hashEndsAVariableLengthFieldEarly() throws Exception {
        StartCapture withPostcode = new StartCapture(CaptureKind.CARD, Amount.of(100, "USD"), null, null,
                EnumSet.of(CaptureField.CARD_NUMBER, CaptureField.POSTCODE), null);
        CaptureSession s = h.start(withPostcode);
        h.next(FieldStarted.class);
        keys(s, VISA);
        assertEquals(CaptureField.POSTCODE, h.next(FieldStarted.class).field());
        keys(s, "90210#");
        FieldObtained postcode = h.next(FieldObtained.class);
        assertEquals(CaptureField.POSTCODE, postcode.field());
        assertNull(postcode.masked());
        assertEquals(5, postcode.digits());
        h.next(ReadyToProcess.class);
    }

    @Test
    void anAmexSecurityCodeHasFourDigitsAndAThreeDigitOneIsInvalid() throws Exception {
        CaptureSession s = h.start(card(null));
        keys(s, "378282246310005" + "1230" + "123#");
        FieldInvalid invalid = h.next(FieldInvalid.class);
        assertEquals(CaptureField.SECURITY_CODE, invalid.field());
        assertTrue(invalid.reason().contains("four digits"), invalid.reason());
        s.requestField(CaptureField.SECURITY_CODE);
        keys(s, "1234");
        h.next(ReadyToProcess.class);
    }

    @Test
    void doubleEntryMustMatch() throws Exception {
        h.close();
        h = new CaptureHarness(CaptureSettings.DEFAULT.withDoubleEntry(EnumSet.of(CaptureField.CARD_NUMBER)));
        CaptureSession s = h.start(card(null));
        h.next(FieldStarted.class);
        keys(s, VISA);
        FieldStarted again = h.next(FieldStarted.class);
        assertEquals(CaptureField.CARD_NUMBER, again.field());
        assertTrue(again.repeat());
        keys(s, "5555555555554444");
        String reason = h.next(FieldInvalid.class).reason();
        assertTrue(reason.contains("did not match"), reason);

        s.requestField(CaptureField.CARD_NUMBER);
        keys(s, VISA + VISA);
        assertEquals(CaptureField.CARD_NUMBER, h.next(FieldObtained.class).field());
    }

    @Test
    void withoutItsPaymentRecordNothingIsChargedAndTheAgentMayTryAgain() throws Exception {
        CaptureSession s = h.start(card("order-db"));
        keys(s, VISA + "1230" + "123");
        h.next(ReadyToProcess.class);
        h.records.down = true;
        Refusal e = assertThrows(Refusal.class, s::process);
        assertEquals(Refusal.Kind.UNAVAILABLE, e.kind());
        assertEquals(CaptureState.READY, s.view().state());
        assertTrue(h.requests.isEmpty(), "the gateway was not called");
        h.records.down = false;
        s.process();
        h.next(PaymentApproved.class);
    }

    @Test
    void processIsRefusedWhileSomethingRequiredIsMissing() {
        CaptureSession s = h.start(card(null));
        keys(s, VISA);
        Refusal e = assertThrows(Refusal.class, s::process);
        assertEquals(Refusal.Kind.CONFLICT, e.kind());
        assertTrue(e.getMessage().contains("expiry") && e.getMessage().contains("securityCode"), e.getMessage());
    }

    @Test
    void clearingAnObtainedFieldTakesTheCaptureBackToCollecting() throws Exception {
        CaptureSession s = h.start(card(null));
        keys(s, VISA + "1230" + "123");
        h.next(ReadyToProcess.class);
        CaptureView v = s.clearField(CaptureField.EXPIRY);
        assertEquals(CaptureState.COLLECTING, v.state());
        assertEquals(FieldState.WAITING, v.fields().get(1).state());
        assertThrows(Refusal.class, s::process);
        s.requestField(CaptureField.EXPIRY);
        keys(s, "0131");
        h.next(ReadyToProcess.class);
    }

    @Test
    void cancelWipesEverythingAndResumesTheRecording() throws Exception {
        CaptureSession s = h.start(card(null));
        keys(s, VISA + "12");
        CaptureView v = s.cancel("agent");
        assertEquals(CaptureState.CANCELLED, v.state());
        assertTrue(s.wiped());
        assertEquals("agent", h.next(CaptureCancelled.class).by());
        assertInstanceOf(RecordingResumed.class, h.next());
        assertThrows(Refusal.class, s::process);
        keys(s, "3");
        assertTrue(s.wiped());
    }

    @Test
    void aPauseBetweenDigitsEndsTheEntryAsHashWould() throws Exception {
        h.close();
        h = new CaptureHarness(CaptureHarness.quickTimeouts());
        CaptureSession s = h.start(card(null));
        keys(s, "4222222222222"); // a 13-digit Visa: could go on to 16 or 19, so only the pause ends it
        FieldObtained pan = h.next(FieldObtained.class);
        assertEquals(13, pan.digits());
    }

    @Test
    void aFieldNotCompletedInTimeTimesOutAndTheCaptureLives() throws Exception {
        h.close();
        h = new CaptureHarness(CaptureHarness.quickTimeouts());
        CaptureSession s = h.start(card(null));
        CaptureTimedOut timedOut = h.next(CaptureTimedOut.class);
        assertEquals(CaptureField.CARD_NUMBER, timedOut.field());
        assertEquals(CaptureState.COLLECTING, s.view().state());
        assertNull(s.view().activeField());
    }

    @Test
    void aCaptureNotProcessedInTimeTimesOut() throws Exception {
        h.close();
        h = new CaptureHarness(CaptureHarness.quickTimeouts());
        CaptureSession s = h.start(card(null));
        keys(s, VISA + "1230" + "123");
        CaptureTimedOut timedOut = h.next(CaptureTimedOut.class);
        assertNull(timedOut.field());
        assertEquals(CaptureState.TIMED_OUT, s.view().state());
        assertInstanceOf(RecordingResumed.class, h.next());
        assertTrue(s.wiped());
    }

    @Test
    void theCallerIsMutedOnlyWhileAFieldIsBeingKeyedWhenConfigured() throws Exception {
        h.close();
        h = new CaptureHarness(CaptureSettings.DEFAULT.withMuteWhileEntering(true));
        CaptureSession s = h.start(new StartCapture(CaptureKind.CARD, Amount.of(100, "GBP"), null, null,
                EnumSet.of(CaptureField.CARD_NUMBER), null));
        assertEquals(List.of("pause", "mute"), h.controls.calls());
        keys(s, VISA);
        h.next(ReadyToProcess.class);
        assertEquals(List.of("pause", "mute", "unmute"), h.controls.calls());
        s.requestField(CaptureField.CARD_NUMBER);
        s.cancel("agent");
        assertEquals(List.of("pause", "mute", "unmute", "mute", "unmute", "resume"), h.controls.calls());
    }

    @Test
    void aBankAccountCaptureDebitsTheAccount() throws Exception {
        CaptureSession s = h.start(new StartCapture(CaptureKind.BANK_ACCOUNT, Amount.of(9900, "USD"), "ach-1", null, null, null));
        assertEquals(CaptureField.ROUTING_NUMBER, h.next(FieldStarted.class).field());
        keys(s, "021000021");
        FieldObtained routing = h.next(FieldObtained.class);
        assertEquals("\u2022\u2022\u2022\u2022 0021", routing.masked());
        assertEquals(CaptureField.ACCOUNT_NUMBER, h.next(FieldStarted.class).field());
        keys(s, "12345678#");
        h.next(ReadyToProcess.class);
        s.process();
        h.next(PaymentApproved.class);
        GatewayRequest.AchDebit ach = (GatewayRequest.AchDebit) h.requests.get(0);
        assertTrue(ach.account().accountNumber().isWiped());
        PaymentRecord r = h.records.list(null, 1).get(0);
        assertEquals("\u2022\u2022\u2022\u2022 5678", r.maskedAccount());
        assertNoCardData(List.of(r, s.view()), "12345678", "021000021");
    }

    @Test
    void aRoutingNumberWithABadChecksumIsInvalid() throws Exception {
        CaptureSession s = h.start(new StartCapture(CaptureKind.BANK_ACCOUNT, Amount.of(100, "USD"), null, null, null, null));
        keys(s, "021000022");
        assertEquals(CaptureField.ROUTING_NUMBER, h.next(FieldInvalid.class).field());
    }

    @Test
    void oneCapturePerCallAndReferencesAreUnique() throws Exception {
        CaptureSession s = h.start(card("ref-1"));
        assertTrue(assertThrows(Refusal.class, () -> h.sessions.start("call-1", "alice", card("ref-2"), CallControls.NONE))
                .getMessage().contains("already has a capture"));
        assertTrue(assertThrows(Refusal.class, () -> h.sessions.start("call-2", "bob", card("ref-1"), CallControls.NONE))
                .getMessage().contains("already used"));
        s.cancel("agent");
        assertEquals("ref-1", h.sessions.start("call-1", "alice", card("ref-1"), CallControls.NONE).reference());
    }

    @Test
    void freeTextMustNotCarryACardNumber() {
        StartCapture hidden = new StartCapture(CaptureKind.CARD, Amount.of(100, "GBP"), "order 4111 1111", "card 4111111111111111 thanks",
                null, null);
        assertEquals("description must not contain a card number", assertThrows(Refusal.class, () -> h.start(hidden)).getMessage());
        assertFalse(CaptureSessions.hidesCardNumber("order 20261122-000001"));
        String generated = h.sessions.start("call-9", "alice", card(null), CallControls.NONE).reference();
        assertTrue(generated.matches("TG-\\d{8}T\\d{6}Z-[a-z]{4}"), generated);
        assertFalse(CaptureSessions.hidesCardNumber(generated), "letters split a generated reference's digits");
        assertTrue(CaptureSessions.hidesCardNumber("x5555555555554444y"));
    }

    @Test
    void digitsReachOnlyTheCallsRunningCapture() throws Exception {
        h.sessions.digit("call-1", DtmfDigit.D5);
        CaptureSession s = h.start(card(null));
        h.next(FieldStarted.class);
        h.sessions.digit("call-2", DtmfDigit.D4);
        h.sessions.digit("call-1", DtmfDigit.D4);
        assertEquals(1, h.next(DigitProgress.class).digits());
        h.sessions.callEnded("call-1");
        assertEquals("call-ended", h.next(CaptureCancelled.class).by());
        assertEquals(CaptureState.CANCELLED, s.view().state());
    }

    /** No value appears as a number of its own in the text of any of {@code things}. */
    static void assertNoCardData(List<?> things, String... values) {
        for (Object o : things) {
            String text = String.valueOf(o);
            for (String v : values) {
                assertFalse(Pattern.compile("(?<![0-9A-Za-z])" + v + "(?![0-9A-Za-z])").matcher(text).find(),
                        () -> "a " + v.length() + "-digit value appears in " + o.getClass().getSimpleName());
            }
        }
    }
}
