package dev.mailflow.probe;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The vantages as the views see them: this instance's name, the registry with who is up, a run's
 * answers per vantage; and the one reading of a request's {@code vantages}.
 */
public final class Vantages {

    /** More would be a fan-out, not a comparison. */
    static final int MAX_ASKED = 16;

    private final VantageParts parts;
    private final String here;
    private final Clock clock;

    Vantages(VantageParts parts, VantageProperties properties, Clock clock) {
        this.parts = parts;
        this.here = properties.name();
        this.clock = clock;
    }

    /** This instance's vantage. */
    public String here() {
        return here;
    }

    /** Every vantage that ever wrote a heartbeat, by name; {@link Vantage#up} tells who is live. */
    public List<Vantage> registry() {
        return parts.vantages().stream()
                .sorted(Comparator.comparing(Vantage::name))
                .toList();
    }

    /** The names of the vantages up now, this one always among them. */
    public List<String> live() {
        var now = clock.instant();
        var names = new LinkedHashSet<String>();
        names.add(here());
        registry().stream().filter(v -> v.up(now)).map(Vantage::name).forEach(names::add);
        return names.stream().sorted().toList();
    }

    /** A run's parts as stored, in the order asked; empty for a run from one place. */
    public List<VantagePart> parts(String runId) {
        return parts.parts(runId);
    }

    /** A run's answer per vantage; empty for a run from one place. */
    public List<VantageResult> results(String runId) {
        return parts.parts(runId).stream().map(VantagePart::result).toList();
    }

    /**
     * The vantages a request asks for: none (or only this one) means a run here as always; {@code
     * all} means every live vantage.
     *
     * @return the vantages to ask, or empty for a run here
     * @throws InvalidProbeException naming {@code vantages} when a name is not one
     */
    List<String> resolve(List<String> asked) {
        if (asked.isEmpty()) {
            return List.of();
        }
        var names = new ArrayList<String>();
        for (var name : asked) {
            var trimmed = name.strip().toLowerCase(java.util.Locale.ROOT);
            if (trimmed.equals(VantageProperties.ALL)) {
                live().stream().filter(n -> !names.contains(n)).forEach(names::add);
            } else if (!VantageProperties.NAME.matcher(trimmed).matches()) {
                throw invalid("'" + trimmed + "' is not a vantage name (lower-case letters, digits, '.', '-', '_')");
            } else if (!names.contains(trimmed)) {
                names.add(trimmed);
            }
        }
        if (names.size() > MAX_ASKED) {
            throw invalid("at most " + MAX_ASKED + " vantages per run");
        }
        return names.equals(List.of(here())) ? List.of() : List.copyOf(names);
    }

    private static InvalidProbeException invalid(String message) {
        return new InvalidProbeException(List.of(new FieldProblem("vantages", message)));
    }
}
