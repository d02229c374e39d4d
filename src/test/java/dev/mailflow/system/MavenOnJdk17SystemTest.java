package dev.mailflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The README's build command on a machine whose default Java is 17 (Debian's
 * {@code openjdk-17-jdk-headless}) with a JDK 21+ installed elsewhere: Maven runs on 17 and the
 * toolchain it selects compiles mailflow. Runs {@code ./mvnw} on a copy of the project, offline,
 * with JDK 17 first on the PATH and as JAVA_HOME, and no other variable set.
 */
@Tag("system")
class MavenOnJdk17SystemTest {

    static final Path JDK_17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");

    static Path project;

    @BeforeAll
    static void copyTheProject() throws IOException {
        SystemTier.requires(Files.isExecutable(JDK_17.resolve("bin/java")), "Debian's openjdk-17-jdk-headless");
        var source = Path.of(System.getProperty("basedir", "."));
        project = Files.createTempDirectory("mailflow-jdk17");
        for (var part : List.of("mvnw", "pom.xml", ".mvn", "src/main", "frontend")) {
            copy(source.resolve(part), project.resolve(part));
        }
    }

    @AfterAll
    static void deleteTheCopy() throws IOException {
        if (project != null) {
            try (var paths = Files.walk(project)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void theReadmeCommandCompilesWithAJdk21OrNewerWhileMavenRunsOn17() throws Exception {
        var run = mvnw("-B", "-ntp", "-o", "compile");

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("Maven runs on Java 17").contains("Toolchain in maven-compiler-plugin");
        var application = project.resolve("target/classes/dev/mailflow/MailflowApplication.class");
        var header = Files.readAllBytes(application);
        // Class file major version 65 is Java 21 (maven.compiler.release), which javac 17 cannot write.
        assertThat(header[7] & 0xff).isEqualTo(65);
    }

    @Test
    void withoutAJdk21OrNewerTheBuildSaysHowToGetOne() throws Exception {
        // Discovery off: the only JDK the toolchain plugin sees is the one Maven runs on, 17.
        var run = mvnw("-B", "-ntp", "-o", "validate", "-Dtoolchain.jdk.discover=false");

        assertThat(run.exit()).isNotZero();
        assertThat(run.output()).contains("install a JDK 21 or newer").contains("Cannot find matching toolchain");
    }

    record Run(int exit, String output) {}

    private static Run mvnw(String... args) throws Exception {
        var command = new ArrayList<String>();
        command.add("./mvnw");
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true);
        var env = builder.environment();
        env.remove("MAVEN_OPTS");
        env.remove("JAVA_TOOL_OPTIONS");
        env.put("JAVA_HOME", JDK_17.toString());
        env.put("PATH", JDK_17.resolve("bin") + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        var log = Files.createTempFile("mvnw", ".log");
        builder.redirectOutput(log.toFile());
        var process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("./mvnw did not finish in 5 minutes: " + Files.readString(log));
        }
        var output = Files.readString(log);
        Files.delete(log);
        return new Run(process.exitValue(), output);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (var path : paths.toList()) {
                var target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
