package io.toneguard.dtmf.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Makes sure a Debian package a test needs is installed: CI's {@code .ci/run} installs them, and
 * a developer's machine gets them here on first use (as root, with apt). Fails with instructions
 * otherwise, never skips: a test that silently skips its oracle proves nothing.
 */
public final class DebianPackages {
    private DebianPackages() {
    }

    public static synchronized void ensure(String pkg) {
        if (installed(pkg)) {
            return;
        }
        String user = System.getProperty("user.name");
        if (!"root".equals(user)) {
            throw new IllegalStateException("Debian package " + pkg + " is missing: run 'sudo apt-get install -y " + pkg + "'");
        }
        run(600, "apt-get", "install", "-y", "--no-install-recommends", pkg);
        if (!installed(pkg)) {
            run(600, "apt-get", "update");
            run(600, "apt-get", "install", "-y", "--no-install-recommends", pkg);
        }
        if (!installed(pkg)) {
            throw new IllegalStateException("could not install Debian package " + pkg);
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

    private static void run(int timeoutSeconds, String... command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process p = pb.start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
