package io.toneguard.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.psp.card.CardValidator;
import io.toneguard.server.capture.CaptureField;
import io.toneguard.server.capture.CaptureSettings;
import io.toneguard.server.capture.PanDisplay;
import io.toneguard.server.ivr.IvrSessions;
import io.toneguard.server.ivr.IvrSettings;
import io.toneguard.server.records.PaymentRecords;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private final ConfigLoader loader = new ConfigLoader();

    @TempDir
    Path dir;

    private Path yaml(String text) throws IOException {
        Path f = dir.resolve("toneguard.yaml");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void embeddedDefaultsAreValid() {
        ToneGuardConfig c = loader.defaults();
        assertEquals("127.0.0.1", c.media().bindAddress());
        assertEquals(20000, c.media().portMin());
        assertEquals(29999, c.media().portMax());
        assertEquals(2, c.media().latch().probationPackets());
        assertEquals(20000, c.media().toTransportConfig().portMin());
    }

    @Test
    void aFileOverridesOnlyTheKeysItGives() throws IOException {
        ToneGuardConfig c = loader.load(yaml("media:\n  portMin: 40000\n  portMax: 40999\n  latch:\n    probationPackets: 4\n"));
        assertEquals(40000, c.media().portMin());
        assertEquals(40999, c.media().portMax());
        assertEquals(4, c.media().latch().probationPackets());
        assertEquals(1000, c.media().latch().relatchAfterSilenceMillis());
        assertEquals("127.0.0.1", c.media().bindAddress());
    }

    @Test
    void anEmptyFileMeansDefaults() throws IOException {
        assertEquals(loader.defaults(), loader.load(yaml("")));
    }

    @Test
    void unknownKeysAreNamed() throws IOException {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(yaml("media:\n  prtMin: 3\n")));
        assertEquals("media.prtMin", e.key());
        assertTrue(e.getMessage().contains("portMin"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> loader.load(yaml("medai:\n  portMin: 3\n")));
        assertEquals("medai", e.key());
        e = assertThrows(ConfigException.class, () -> loader.load(yaml("media:\n  latch:\n    probation: 3\n")));
        assertEquals("media.latch.probation", e.key());
    }

    @Test
    void wrongTypesAndValuesAreNamed() throws IOException {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(yaml("media:\n  portMin: abc\n")));
        assertEquals("media.portMin", e.key());
        e = assertThrows(ConfigException.class, () -> loader.load(yaml("media: 5\n")));
        assertEquals("media", e.key());
        e = assertThrows(ConfigException.class, () -> loader.load(yaml("media:\n  portMin: 100\n")));
        assertEquals("media.portMin", e.key());
        e = assertThrows(ConfigException.class, () -> loader.load(yaml("media:\n  portMin: 30000\n  portMax: 20000\n")));
        assertEquals("media.portMax", e.key());
        e = assertThrows(ConfigException.class, () -> loader.load(yaml("media:\n  bindAddress: 'not an address!'\n")));
        assertEquals("media.bindAddress", e.key());
        e = assertThrows(ConfigException.class, () -> loader.load(yaml("media:\n  latch:\n    probationPackets: 0\n")));
        assertEquals("media.latch.probationPackets", e.key());
        e = assertThrows(ConfigException.class, () -> loader.load(yaml("media:\n  dscp: 99\n")));
        assertEquals("media.dscp", e.key());
        e = assertThrows(ConfigException.class, () -> loader.load(yaml("media:\n  coalesceMicros: 20001\n")));
        assertEquals("media.coalesceMicros", e.key());
        e = assertThrows(ConfigException.class, () -> loader.load(yaml("media:\n  coalesceMicros: -1\n")));
        assertEquals("media.coalesceMicros", e.key());
    }

    @Test
    void readCoalescingIsOffByDefaultAndReachesTheTransport() throws IOException {
        assertEquals(0, loader.load(yaml("media:\n  portMin: 20000\n")).media().toTransportConfig().coalesceMicros());
        assertEquals(2000, loader.load(yaml("media:\n  coalesceMicros: 2000\n")).media().toTransportConfig().coalesceMicros());
    }

    @Test
    void maskingSettingsAreValidated() throws IOException {
        ToneGuardConfig c = loader.load(yaml("masking:\n  delayMillis: 25\n  replacement: comfort-noise\n"));
        assertEquals(25, c.masking().toMaskerSettings().delayMillis());
        assertEquals(io.toneguard.dtmf.mask.ReplacementMode.COMFORT_NOISE, c.masking().toMaskerSettings().mode());
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(yaml("masking:\n  delayMillis: 10\n")));
        assertEquals("masking.delayMillis", e.key());
        assertTrue(e.getMessage().contains("17.5"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> loader.load(yaml("masking:\n  replacement: beep\n")));
        assertEquals("masking.replacement", e.key());
        assertTrue(e.getMessage().contains("flat-tone"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> loader.load(yaml("masking:\n  postMarginMillis: -1\n")));
        assertEquals("masking.postMarginMillis", e.key());
    }

    @Test
    void paymentsDefaultToTheSandbox() {
        ToneGuardConfig c = loader.defaults();
        assertEquals("sandbox", c.payments().toGateway(name -> null).name());
        assertEquals(8, c.payments().brands().size());
    }

    @Test
    void paymentSecretsComeFromTheEnvironmentAndAreNeverPrinted() throws IOException {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(yaml("payments:\n  gateway: stripe\n")));
        assertEquals("payments.stripe.secretKey", e.key());
        assertTrue(e.getMessage().contains("STRIPE_SECRET_KEY"), e.getMessage());
        ToneGuardConfig literal = loader.load(yaml(
                "payments:\n  gateway: adyen\n  adyen:\n    apiKey: AQE-very-secret\n    merchantAccount: Shop\n"));
        assertEquals("adyen", literal.payments().toGateway(name -> null).name());
        String printed = loader.toYaml(literal);
        assertTrue(printed.contains("***"), printed);
        assertTrue(!printed.contains("AQE-very-secret"), printed);
        assertTrue(printed.contains("env:STRIPE_SECRET_KEY"), "references are shown as they are");
    }

    @Test
    void badPaymentSettingsNameTheKey() throws IOException {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(yaml("payments:\n  gateway: paypal\n")));
        assertEquals("payments.gateway", e.key());
        e = assertThrows(ConfigException.class, () -> loader.load(yaml("payments:\n  acceptedBrands: [visa, amexx]\n")));
        assertEquals("payments.acceptedBrands", e.key());
        e = assertThrows(ConfigException.class, () -> loader.load(yaml("payments:\n  maxAttempts: 0\n")));
        assertEquals("payments.maxAttempts", e.key());
        e = assertThrows(ConfigException.class, () -> loader.load(yaml(
                "payments:\n  gateway: generic\n  generic:\n    url: http://psp.example.com/pay\n    fields:\n      pan: card.number\n")));
        assertEquals("payments.generic.url", e.key());
        e = assertThrows(ConfigException.class, () -> loader.load(yaml(
                "payments:\n  gateway: generic\n  generic:\n    url: https://psp.example.com/pay\n    fields:\n      pan: card.nummer\n")));
        assertEquals("payments.generic.fields.pan", e.key());
    }

    @Test
    void captureDefaultsAndOverrides() throws IOException {
        CaptureSettings d = loader.defaults().capture().toSettings(CardValidator.DEFAULT);
        assertEquals(Duration.ofSeconds(5), d.interDigitTimeout());
        assertEquals(Set.of(CaptureField.CARD_NUMBER, CaptureField.EXPIRY, CaptureField.SECURITY_CODE), d.cardRequired());
        assertEquals(PanDisplay.LAST_FOUR, d.panDisplay());
        assertFalse(d.muteWhileEntering());
        ToneGuardConfig c = loader.load(yaml("capture:\n  doubleEntry: [cardNumber]\n  muteCallerWhileEntering: true\n"
                + "  panDisplay: first-six-last-four\n  binding:\n    answerHeader: X-Agent\n    extensions:\n      \"1001\": alice\n"));
        CaptureSettings s = c.capture().toSettings(CardValidator.DEFAULT);
        assertEquals(Set.of(CaptureField.CARD_NUMBER), s.doubleEntry());
        assertTrue(s.muteWhileEntering());
        assertEquals(PanDisplay.FIRST_SIX_LAST_FOUR, s.panDisplay());
        assertEquals("alice", c.capture().binding().extensions().get("1001"));
    }

    @Test
    void badCaptureSettingsNameTheKey() throws IOException {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(yaml("capture:\n  cardFields: [cardNumber, pin]\n")));
        assertEquals("capture.cardFields", e.key());
        e = assertThrows(ConfigException.class, () -> loader.load(yaml("capture:\n  panDisplay: everything\n")));
        assertEquals("capture.panDisplay", e.key());
        e = assertThrows(ConfigException.class, () -> loader.load(yaml("capture:\n  interDigitTimeoutSeconds: 0\n")));
        assertEquals("capture.interDigitTimeoutSeconds", e.key());
        e = assertThrows(ConfigException.class, () -> loader.load(yaml("capture:\n  cardFields: [expiry]\n")));
        assertEquals("capture", e.key());
        assertTrue(e.getMessage().contains("cardNumber"), e.getMessage());
    }

    @Test
    void theIvrPromptsAreLoadedAndCheckedAtStart() throws IOException {
        assertEquals(3, loader.defaults().ivr().toSettings().maxAttempts());
        Path prompts = Files.createDirectories(dir.resolve("prompts"));
        Files.writeString(prompts.resolve("prompts.txt"), "amount-is = The amount is\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader.load(yaml("ivr:\n  promptsFolder: \"" + prompts + "\"\n")));
        assertEquals("ivr.promptsFolder", e.key());
        assertTrue(e.getMessage().contains("amount-is"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> loader.load(yaml("ivr:\n  cardFields: [cardNumber, routingNumber]\n")));
        assertEquals("ivr.cardFields", e.key());
        e = assertThrows(ConfigException.class, () -> loader.load(yaml("ivr:\n  language: fr\n")));
        assertEquals("ivr.language", e.key());
    }

    @Test
    void selfServiceNumbersNeedAnEntryWithAnAmount() throws IOException {
        String entry = "ivr:\n  selfService:\n    bill:\n      kind: card\n      amount: \"12.50\"\n      currency: GBP\n      description: Bill\n";
        ToneGuardConfig c = loader.load(yaml(entry + "routing:\n  rules:\n    - userExact: pay\n      target: \"self-service:bill\"\n"));
        var bill = c.ivr().toSettings().selfService().get("bill");
        assertEquals(1250, ((IvrSettings.AmountSource.Fixed) bill.amountFrom()).amount().minorUnits());
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(yaml(
                "routing:\n  rules:\n    - userExact: pay\n      target: \"self-service:rent\"\n")));
        assertEquals("routing.rules", e.key());
        assertTrue(e.getMessage().contains("ivr.selfService.rent"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> loader.load(yaml(entry.replace("\"12.50\"", "\"twelve\""))));
        assertEquals("ivr.selfService.bill.amount", e.key());
        e = assertThrows(ConfigException.class, () -> loader.load(yaml(entry.replace("\"12.50\"", "\"12.505\""))));
        assertEquals("ivr.selfService.bill.amount", e.key());
        assertTrue(e.getMessage().contains("at most 2 decimal places"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> loader.load(yaml(
                "routing:\n  rules:\n    - userExact: pay\n      target: \"tel:+441234\"\n")));
        assertEquals("routing.rules[0].target", e.key());
    }

    @Test
    void selfServiceAmountsMayBeLookedUpOrKeyedWithinLimits() throws IOException {
        String lookup = "ivr:\n  selfService:\n    account:\n      amountFrom: lookup\n      currency: GBP\n"
                + "      maxAmount: \"2000.00\"\n      lookup:\n        url: \"https://billing.example/due\"\n"
                + "        bearerToken: \"s3cret\"\n        headers: {X-Tenant: acme}\n        callerKeysOnFailure: true\n";
        var settings = loader.load(yaml(lookup)).ivr().toSettings();
        var account = settings.selfService().get("account");
        var from = (IvrSettings.AmountSource.Lookup) account.amountFrom();
        assertEquals("https://billing.example/due", from.target().url().toString());
        assertEquals(3000, from.target().timeout().toMillis(), "the default wait");
        assertEquals("Bearer s3cret", from.target().headers().get("Authorization"));
        assertEquals("acme", from.target().headers().get("X-Tenant"));
        assertTrue(from.callerKeysOnFailure());
        assertEquals(1, account.limits().min().minorUnits(), "the least by default: one penny");
        assertEquals(200_000, account.limits().max().minorUnits());
        assertFalse(from.target().toString().contains("s3cret"), "the token never shows in a log line");
        assertTrue(IvrSessions.requiredPromptIds(settings).contains("enter-amount-gbp"), "the fallback needs the amount prompt");

        String keyed = "ivr:\n  selfService:\n    donate:\n      amountFrom: caller\n      currency: USD\n"
                + "      minAmount: \"1.00\"\n      maxAmount: \"500.00\"\n";
        var donate = loader.load(yaml(keyed)).ivr().toSettings().selfService().get("donate");
        assertTrue(donate.amountFrom() instanceof IvrSettings.AmountSource.KeyedByCaller);
        assertEquals(100, donate.limits().min().minorUnits());

        Map<String, String> wrong = Map.of(
                keyed.replace("      maxAmount: \"500.00\"\n", ""), "ivr.selfService.donate.maxAmount",
                keyed.replace("\"1.00\"", "\"600.00\""), "ivr.selfService.donate.maxAmount",
                keyed.replace("caller", "guess"), "ivr.selfService.donate.amountFrom",
                keyed.replace("USD", "CHF"), "ivr.language",
                keyed + "      amount: \"5.00\"\n", "ivr.selfService.donate.amount",
                lookup.replace("https://billing.example/due", "ftp://billing.example/due"), "ivr.selfService.account.lookup.url",
                lookup.replace("https://billing.example/due", "http://billing.example/due"), "ivr.selfService.account.lookup.url",
                lookup.replace("X-Tenant", "Host"), "ivr.selfService.account.lookup.headers.Host",
                lookup.substring(0, lookup.indexOf("      lookup:")), "ivr.selfService.account.lookup");
        for (Map.Entry<String, String> w : wrong.entrySet()) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> loader.load(yaml(w.getKey())), w.getKey());
            assertEquals(w.getValue(), e.key(), e.getMessage());
        }
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader.load(yaml(lookup.replace("s3cret", "env:TONEGUARD_TEST_UNSET_BILLING_TOKEN"))));
        assertEquals("ivr.selfService.account.lookup.bearerToken", e.key());
        assertTrue(e.getMessage().contains("TONEGUARD_TEST_UNSET_BILLING_TOKEN"), e.getMessage());
    }

    @Test
    void aGenericGatewayIsConfiguredWithoutCode() throws IOException {
        ToneGuardConfig c = loader.load(yaml(String.join("\n",
                "payments:",
                "  gateway: generic",
                "  generic:",
                "    name: acme",
                "    url: https://pay.acme.example/v1/charge",
                "    requestType: form",
                "    fields:",
                "      card_number: card.number",
                "      exp: card.expiry",
                "      cvv: card.securityCode",
                "      amount: payment.amount",
                "      currency: payment.currency",
                "      ref: payment.reference",
                "    constants:",
                "      channel: moto",
                "    headers:",
                "      X-Merchant: \"42\"",
                "    idempotencyKeyHeader: Idempotency-Key",
                "    idempotentRetries: true",
                "    auth: bearer",
                "    token: abc-literal-token",
                "    successKey: result",
                "    successValue: approved",
                "    messageKey: reason",
                "    transactionIdKey: txn",
                "")));
        assertEquals("acme", c.payments().toGateway(name -> null).name());
    }

    @Test
    void recordsDefaultToAnEmbeddedFileUnderData() {
        RecordsConfig r = loader.defaults().records();
        assertEquals("jdbc:h2:file:./data/toneguard", r.url());
        assertEquals("", r.user());
        assertEquals("", r.password());
    }

    @Test
    void recordsOpenTheConfiguredDatabase() throws IOException {
        String url = "jdbc:h2:file:" + dir.resolve("records/toneguard").toAbsolutePath();
        ToneGuardConfig c = loader.load(yaml("records:\n  url: \"" + url + "\"\n  user: tg\n  password: pw-literal\n"));
        try (PaymentRecords records = c.records().open(name -> null)) {
            assertTrue(records.list(null, 10).isEmpty());
        }
        assertTrue(Files.exists(dir.resolve("records/toneguard.mv.db")));

        RecordsConfig fromEnv = new RecordsConfig(url, "tg", "env:TG_DB_PASSWORD");
        try (PaymentRecords records = fromEnv.open(name -> "TG_DB_PASSWORD".equals(name) ? "pw-literal" : null)) {
            assertTrue(records.list(null, 10).isEmpty());
        }
        ConfigException e = assertThrows(ConfigException.class, () -> new RecordsConfig(url, "tg", "pw-wrong").open(n -> null));
        assertEquals("records.url", e.key());
        assertFalse(e.getMessage().contains("pw-wrong"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> fromEnv.open(name -> null));
        assertEquals("records.password", e.key());
    }

    @Test
    void badRecordsSettingsNameTheKeyAndPasswordsAreNeverPrinted() throws IOException {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(yaml("records:\n  ulr: x\n")));
        assertEquals("records.ulr", e.key());
        e = assertThrows(ConfigException.class, () -> loader.load(yaml("records:\n  url: \"jdbc:mysql://db/tg\"\n")));
        assertEquals("records.url", e.key());
        e = assertThrows(ConfigException.class, () -> loader.load(yaml(
                "records:\n  password: \"env:TONEGUARD_TEST_UNSET_VARIABLE\"\n")));
        assertEquals("records.password", e.key());
        assertTrue(e.getMessage().contains("TONEGUARD_TEST_UNSET_VARIABLE"), e.getMessage());
        ToneGuardConfig literal = loader.load(yaml(
                "records:\n  url: \"jdbc:postgresql://db.example:5432/tg\"\n  user: tg\n  password: pg-very-secret\n"));
        String printed = loader.toYaml(literal);
        assertFalse(printed.contains("pg-very-secret"), printed);
        assertTrue(printed.contains("jdbc:postgresql://db.example:5432/tg"), printed);
    }

    @Test
    void brokenYamlAndMissingFilesGiveAClearError() throws IOException {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(yaml("media:\n  portMin: [\n")));
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> loader.load(dir.resolve("missing.yaml")));
        assertTrue(e.getMessage().contains("cannot be read"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> loader.load(yaml("- a\n- b\n")));
        assertTrue(e.getMessage().contains("mapping"), e.getMessage());
    }

    @Test
    void effectiveConfigurationPrintsAsYamlThatLoadsBack() throws IOException {
        ToneGuardConfig c = loader.load(yaml("media:\n  ioThreads: 3\n"));
        String printed = loader.toYaml(c);
        assertEquals(c, loader.load(yaml(printed)));
    }
}
