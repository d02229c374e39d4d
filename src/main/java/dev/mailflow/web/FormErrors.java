package dev.mailflow.web;

import dev.mailflow.probe.FieldProblem;
import dev.mailflow.text.UntrustedText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Field problems keyed by the form field that shows them. The service names JSON fields
 * ({@code rcptTo[0]}, {@code domain}); the form has one recipients field for both.
 */
record FormErrors(Map<String, List<String>> byField) {

    private static final Set<String> FIELDS = Set.of(
            "rcptTo",
            "mailFrom",
            "ehlo",
            "host",
            "port",
            "tls",
            "quitAfter",
            "notify",
            "allMx",
            "ret",
            "envid",
            "auth");

    static FormErrors none() {
        return new FormErrors(Map.of());
    }

    static FormErrors of(List<FieldProblem> problems) {
        var map = new LinkedHashMap<String, List<String>>();
        for (var problem : problems) {
            map.merge(
                    formField(problem.field()),
                    List.of(UntrustedText.visible(problem.message())),
                    // rcptTo[0] and domain both land on the recipients field: say the same thing once.
                    (a, b) -> Stream.concat(a.stream(), b.stream()).distinct().toList());
        }
        return new FormErrors(Map.copyOf(map));
    }

    /**
     * What the form could not read, and what the service finds in the rest: a field the form already
     * flagged is not flagged again in the service's words (an empty recipient said twice).
     */
    static FormErrors of(List<FieldProblem> form, List<FieldProblem> service) {
        var flagged = form.stream().map(p -> formField(p.field())).collect(Collectors.toSet());
        var all = Stream.concat(form.stream(), service.stream().filter(p -> !flagged.contains(formField(p.field()))))
                .toList();
        return of(all);
    }

    static FormErrors general(String message) {
        return new FormErrors(Map.of("form", List.of(message)));
    }

    private static String formField(String field) {
        if (field == null) {
            return "form";
        }
        var base = field.replaceAll("\\[.*$", "");
        if (base.equals("domain")) {
            return "rcptTo";
        }
        if (base.equals("dsnNotify")) {
            return "notify";
        }
        return FIELDS.contains(base) ? base : "form";
    }

    public boolean has(String field) {
        return byField.containsKey(field);
    }

    public List<String> messages(String field) {
        return byField.getOrDefault(field, List.of());
    }

    public boolean any() {
        return !byField.isEmpty();
    }
}
