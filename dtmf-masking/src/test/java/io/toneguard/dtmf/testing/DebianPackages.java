package io.toneguard.dtmf.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Checks that a Debian package a test needs is installed. Tests never install anything: CI's
 * {@code .ci/run} installs every package of its list before the build, and on a developer's
 * machine a missing package fails the test with the command that installs it. Never skips: a test
 * that silently skips its oracle proves nothing.
 */
public final class DebianPackages {
    private DebianPackages() {
    }

    public static synchronized void ensure(String pkg) {
        if (!installed(pkg)) {
            throw new IllegalStateException("Debian package " + pkg + " is missing: run 'sudo apt-get install -y " + pkg
                    + "' (.ci/run installs every package the tests need)");
        }
    }

    private static boolean installed(String pkg) {
        try {
            Process p = new ProcessBuilder("dpkg-query", "-W", "-f=${Status}", pkg).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && out.contains("install ok installed");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
