package io.toneguard.media.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test with real peers or the network: sipp, baresip, Chromium, PostgreSQL, SIP stacks on loopback,
 * the packaged jar, load runs. Failsafe runs these in {@code mvn verify}'s integration-test phase, after
 * the unit tests (Surefire), which need no network and no fixed port. Subclasses inherit it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag(IntegrationTest.TAG)
public @interface IntegrationTest {
    String TAG = "integration";
}
