package dev.mailflow.security;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password checks, at most so many at once. A bcrypt check costs tens of milliseconds of CPU on
 * purpose and does not yield, so unbounded checks on virtual threads take every carrier thread and
 * starve health checks and running streams. Beyond the bound, a sign-in waits a little, then is
 * refused as busy (503 with {@code Retry-After}), which is not counted as a wrong password.
 */
final class BoundedPasswordEncoder implements PasswordEncoder {

    private final PasswordEncoder delegate;
    private final Semaphore checks;
    private final Duration wait;

    BoundedPasswordEncoder(PasswordEncoder delegate, int concurrentChecks, Duration wait) {
        this.delegate = delegate;
        this.checks = new Semaphore(concurrentChecks, true);
        this.wait = wait;
    }

    @Override
    public String encode(CharSequence raw) {
        acquire();
        try {
            return delegate.encode(raw);
        } finally {
            checks.release();
        }
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
        acquire();
        try {
            return delegate.matches(raw, encoded);
        } finally {
            checks.release();
        }
    }

    @Override
    public boolean upgradeEncoding(String encoded) {
        return delegate.upgradeEncoding(encoded);
    }

    private void acquire() {
        try {
            if (!checks.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new SignInBusyException(wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignInBusyException(wait);
        }
    }

    /** Every check slot stayed taken for the whole wait. */
    static final class SignInBusyException extends AuthenticationServiceException {

        private final Duration retryAfter;

        SignInBusyException(Duration retryAfter) {
            super("password checks are busy");
            this.retryAfter = retryAfter;
        }

        Duration retryAfter() {
            return retryAfter;
        }
    }
}
