package dev.mailflow.system;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Whether a system test may skip. On a developer's machine a missing program (or not being root)
 * skips the test; under CI ({@code CI=true}, as {@code .ci/run} and CI services set it) the
 * programs were installed on purpose, so a missing one fails the build instead of passing silently.
 */
final class SystemTier {

    private SystemTier() {}

    static void requires(boolean available, String what) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            assertTrue(available, what + " (CI=true, so the system tier must run)");
        } else {
            assumeTrue(available, what);
        }
    }
}
