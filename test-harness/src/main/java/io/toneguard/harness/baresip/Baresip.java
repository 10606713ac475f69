package io.toneguard.harness.baresip;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One headless baresip (Debian package {@code baresip}, 1.0.0) configured like a phone: a SIP
 * account line, SIP over TLS with a certificate bundle and CA file, SRTP by the account's
 * {@code mediaenc} ({@code srtp-mand} for SDES, {@code dtls_srtp} for DTLS-SRTP), its microphone read from a WAV file
 * ({@code aufile}), and what it hears decoded and dumped to WAV ({@code sndfile}); no sound device.
 *
 * <pre>{@code
 * try (Baresip.Phone agent = Baresip.phone("agent").sipPort(5090).rtpPorts(40000, 40100)
 *         .tls(bundle, ca).account("<sip:agent@127.0.0.1;transport=tls>;mediaenc=srtp-mand;answermode=auto")
 *         .microphone(silence).start()) { ... agent.heard() ... }
 * }</pre>
 */
public final class Baresip {
    /** The baresip binary: system property {@code baresip.binary}, else {@code baresip} on the PATH. */
    public static final String BINARY = System.getProperty("baresip.binary", "baresip");

    private final String name;
    private int sipPort = -1;
    private int rtpMin = -1;
    private int rtpMax = -1;
    private Path tlsBundle;
    private Path caFile;
    private String account;
    private Path microphone;
    private String dial;
    private Duration quitAfter = Duration.ofSeconds(30);

    private Baresip(String name) {
        this.name = name;
    }

    /** A phone named {@code name} (its files live in a temporary directory). */
    public static Baresip phone(String name) {
        return new Baresip(name);
    }

    /** Listens for SIP on UDP/TCP {@code port} and TLS {@code port + 1} (baresip's layout). */
    public Baresip sipPort(int port) {
        this.sipPort = port;
        return this;
    }

    public Baresip rtpPorts(int min, int max) {
        this.rtpMin = min;
        this.rtpMax = max;
        return this;
    }

    /** SIP over TLS: a PEM file with the certificate chain and its private key, and the CAs to trust. */
    public Baresip tls(Path certificateAndKey, Path ca) {
        this.tlsBundle = certificateAndKey;
        this.caFile = ca;
        return this;
    }

    /** The account line, e.g. {@code <sip:agent@127.0.0.1;transport=tls>;mediaenc=srtp-mand;answermode=auto}. */
    public Baresip account(String line) {
        this.account = Objects.requireNonNull(line);
        return this;
    }

    /** What the phone sends: an 8 kHz mono 16-bit WAV; the phone hangs up when it ends. */
    public Baresip microphone(Path wav) {
        this.microphone = wav;
        return this;
    }

    /** Calls {@code uri} at start. */
    public Baresip dial(String uri) {
        this.dial = uri;
        return this;
    }

    /** baresip quits after this long ({@code -t}). */
    public Baresip quitAfter(Duration d) {
        this.quitAfter = d;
        return this;
    }

    String config(Path dir) {
        return String.join("\n",
                "poll_method epoll",
                "net_interface 127.0.0.1",
                "sip_listen 127.0.0.1:" + sipPort,
                tlsBundle == null ? "" : "sip_certificate " + tlsBundle,
                caFile == null ? "" : "sip_cafile " + caFile,
                "audio_player aubridge," + name,
                "audio_alert aubridge," + name,
                "audio_source aufile," + microphone,
                "rtp_ports " + rtpMin + "-" + rtpMax,
                "module_path /usr/lib/baresip/modules",
                "module g711.so",
                "module aufile.so",
                "module aubridge.so",
                "module sndfile.so",
                "module srtp.so",
                "module dtls_srtp.so",
                "module_app account.so",
                "module_app menu.so",
                "snd_path " + dir.resolve("heard"),
                "") + "\n";
    }

    /** Writes the configuration and starts baresip. */
    public Phone start() throws IOException {
        if (sipPort < 0 || rtpMin < 0 || account == null || microphone == null) {
            throw new IllegalStateException("a baresip phone needs sipPort, rtpPorts, account and microphone");
        }
        Path dir = Files.createTempDirectory("baresip-" + name + "-");
        Files.createDirectories(dir.resolve("heard"));
        Files.writeString(dir.resolve("config"), config(dir), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("accounts"), account + ";regint=0;audio_codecs=PCMU/8000/1\n", StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of(BINARY, "-f", dir.toString(), "-t",
                Long.toString(Math.max(1, quitAfter.toSeconds()))));
        if (dial != null) {
            command.addAll(List.of("-e", "/dial " + dial));
        }
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("output.log").toFile()).start();
        return new Phone(p, dir);
    }

    /** A running baresip; closing it stops it and deletes its directory. */
    public static final class Phone implements AutoCloseable {
        private final Process process;
        private final Path dir;

        Phone(Process process, Path dir) {
            this.process = process;
            this.dir = dir;
        }

        /** Waits until a line containing {@code text} appears in its output; false on timeout or exit. */
        public boolean awaitOutput(String text, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (output().contains(text)) {
                    return true;
                }
                if (!process.isAlive()) {
                    return output().contains(text);
                }
                Thread.sleep(50);
            }
            return false;
        }

        /** Waits for baresip to exit (it quits at {@code -t}); false on timeout. */
        public boolean await(Duration timeout) throws InterruptedException {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Its console output so far (status lines with carriage returns removed). */
        public String output() {
            try {
                Path f = dir.resolve("output.log");
                return Files.isRegularFile(f) ? Files.readString(f, StandardCharsets.ISO_8859_1).replaceAll("\\[[0-9:]+\\] audio=[^\\n]*?\\(bit/s\\)\\s*", "") : "";
            } catch (IOException e) {
                return "(cannot read output: " + e.getMessage() + ")";
            }
        }

        /** The WAV files of what it heard (decoded, after SRTP), one per call. */
        public List<Path> heard() {
            try (Stream<Path> s = Files.list(dir.resolve("heard"))) {
                return s.filter(p -> p.getFileName().toString().endsWith("-dec.wav")).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroy();
                try {
                    if (!process.waitFor(3, TimeUnit.SECONDS)) {
                        process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
