package dev.mailflow.probe;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Run ids: 128 random bits, so one cannot be guessed from another. */
final class RunIds {

    /** DRBG, not the platform default (NativePRNG reads /dev/urandom under a lock for every id). */
    private final SecureRandom random = drbg();

    String next() {
        var bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }
}
