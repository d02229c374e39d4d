package dev.mailflow.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The version of the knowledge files that diagnosed a run: the first 12 hex digits of a SHA-256
 * over every file under {@code knowledge/}, by name. A stored verdict can then be told apart from
 * one the current files would give.
 */
final class KnowledgeVersion {

    private KnowledgeVersion() {}

    static String current() {
        try {
            var files = new PathMatchingResourcePatternResolver().getResources("classpath*:knowledge/**/*.*");
            Arrays.sort(files, Comparator.comparing(KnowledgeVersion::name));
            var digest = MessageDigest.getInstance("SHA-256");
            for (var file : files) {
                digest.update(name(file).getBytes(StandardCharsets.UTF_8));
                try (var in = file.getInputStream()) {
                    digest.update(in.readAllBytes());
                }
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String name(Resource resource) {
        var name = resource.getFilename();
        return name == null ? "" : name;
    }
}
