package dev.mailflow.diagnosis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The texts of findings and verdicts from {@code knowledge/findings.yaml}, with their placeholders. */
final class Wording {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");

    private final Map<String, String> verdicts;
    private final Map<String, String> skips;
    private final Map<String, FindingText> findings;
    private final Map<String, KnowledgeFiles.CustomerText> customer;
    private final List<KnowledgeFiles.EndOfData> endOfData;

    Wording(KnowledgeFiles.WordingFile file, Map<String, CodeEntry> entries) {
        this.verdicts = file.verdicts();
        this.skips = file.skips();
        this.customer = file.customer();
        this.endOfData = file.endOfData();
        var byId = new LinkedHashMap<String, FindingText>();
        for (var text : file.findings()) {
            if (byId.putIfAbsent(text.id(), text) != null) {
                throw new IllegalStateException("duplicate finding id " + text.id());
            }
            for (var key : text.entries()) {
                if (!entries.containsKey(key)) {
                    throw new IllegalStateException("finding " + text.id() + " names unknown entry " + key);
                }
            }
        }
        this.findings = byId;
    }

    List<FindingText> findings() {
        return List.copyOf(findings.values());
    }

    boolean has(String id) {
        return findings.containsKey(id);
    }

    Map<String, String> verdicts() {
        return verdicts;
    }

    Map<String, String> skips() {
        return skips;
    }

    Map<String, KnowledgeFiles.CustomerText> customer() {
        return customer;
    }

    List<KnowledgeFiles.EndOfData> endOfData() {
        return endOfData;
    }

    boolean isArtifact(String id) {
        var text = findings.get(id);
        return text != null && text.artifact();
    }

    /** A finding whose texts are all in the findings file. */
    Finding finding(String id, Severity severity, Evidence evidence, Map<String, String> vars) {
        var text = text(id);
        return new Finding(
                severity == null ? text.severity() : severity,
                id,
                fill(text.title(), vars),
                fill(text.causes(), vars),
                fill(text.fixes(), vars),
                text.owner(),
                evidence,
                text.refs(),
                text.reason());
    }

    String verdict(String key, Map<String, String> vars) {
        return fill(required(verdicts, key), vars);
    }

    String skip(String key, Map<String, String> vars) {
        return fill(required(skips, key), vars);
    }

    FindingText text(String id) {
        var text = findings.get(id);
        if (text == null) {
            throw new IllegalArgumentException("no finding text for " + id);
        }
        return text;
    }

    /** Replaces {@code {name}} by its value; unknown names stay as written so a test can spot them. */
    static String fill(String template, Map<String, String> vars) {
        if (template.indexOf('{') < 0) {
            // Most causes and fixes name nothing: no matcher for them (every run and scrape words its findings).
            return template;
        }
        var m = PLACEHOLDER.matcher(template);
        var sb = new StringBuilder();
        while (m.find()) {
            var value = vars.get(m.group(1));
            m.appendReplacement(sb, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    static List<String> fill(List<String> templates, Map<String, String> vars) {
        return templates.stream().map(t -> fill(t, vars)).toList();
    }

    /**
     * The items of the lists in order, each once: an item that starts with the same clause as an
     * earlier one ("Retry later; a real sender retries automatically." and "Retry later; a real
     * sending server keeps the message queued...") says the same thing twice and is left out.
     */
    @SafeVarargs
    static List<String> union(List<String>... lists) {
        var all = new ArrayList<String>();
        var clauses = new LinkedHashSet<String>();
        for (var list : lists) {
            for (var item : list) {
                if (clauses.add(firstClause(item))) {
                    all.add(item);
                }
            }
        }
        return all;
    }

    private static String firstClause(String item) {
        var end = item.length();
        for (var stop : new char[] {';', '.', ':'}) {
            var at = item.indexOf(stop);
            if (at > 0 && at < end) {
                end = at;
            }
        }
        return item.substring(0, end).strip().toLowerCase(java.util.Locale.ROOT);
    }

    private static String required(Map<String, String> texts, String key) {
        var text = texts.get(key);
        if (text == null) {
            throw new IllegalArgumentException("no text for " + key);
        }
        return text;
    }
}
