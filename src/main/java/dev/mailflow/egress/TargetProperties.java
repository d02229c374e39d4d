package dev.mailflow.egress;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which addresses and ports mailflow may contact ({@code mailflow.targets.*}), checked when the
 * application starts.
 *
 * @param allow address blocks let through although the defaults refuse them (e.g. {@code
 *     127.0.0.0/8} for a test); cloud metadata addresses stay refused
 * @param deny address blocks refused in addition, even when {@code allow} lists them
 * @param ports the ports a user may pick
 */
@ConfigurationProperties("mailflow.targets")
public record TargetProperties(
        List<String> allow,
        List<String> deny,
        @DefaultValue({"25", "465", "587"}) List<Integer> ports) {

    static final List<Integer> DEFAULT_PORTS = List.of(25, 465, 587);

    public TargetProperties {
        allow = allow == null ? List.of() : List.copyOf(allow);
        deny = deny == null ? List.of() : List.copyOf(deny);
        ports = ports == null ? DEFAULT_PORTS : List.copyOf(ports);
        blocks("mailflow.targets.allow", allow);
        blocks("mailflow.targets.deny", deny);
        for (int port : ports) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("mailflow.targets.ports: " + port + " is outside 1-65535");
            }
        }
    }

    /** Everything at its default: the built-in refusals, ports 25, 465 and 587. */
    public static TargetProperties defaults() {
        return new TargetProperties(List.of(), List.of(), DEFAULT_PORTS);
    }

    List<Cidr> allowBlocks() {
        return blocks("mailflow.targets.allow", allow);
    }

    List<Cidr> denyBlocks() {
        return blocks("mailflow.targets.deny", deny);
    }

    private static List<Cidr> blocks(String property, List<String> entries) {
        try {
            return entries.stream().map(Cidr::parse).toList();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + ": " + e.getMessage(), e);
        }
    }
}
