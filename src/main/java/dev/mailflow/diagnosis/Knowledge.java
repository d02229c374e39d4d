package dev.mailflow.diagnosis;

import dev.mailflow.smtp.EnhancedStatus;
import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.SmtpReply;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The reply-code knowledge base, loaded once from the files under {@code knowledge/}: basic codes
 * ({@code codes.yaml}), enhanced codes ({@code enhanced.yaml}), vendor wordings ({@code
 * vendors.yaml}) and the diagnosis' finding texts ({@code findings.yaml}). Immutable and safe to
 * share between threads; load it once (e.g. as a bean).
 */
public final class Knowledge {

    private static final Pattern BASIC_KEY = Pattern.compile("[2-5]\\d\\d|[2-5]xx");
    private static final Pattern ENHANCED_KEY = Pattern.compile("X\\.\\d{1,3}\\.(\\d{1,3}|\\*)");

    private final List<CodeEntry> entries;
    private final Map<String, CodeEntry> byKey;
    private final Map<CodeEntry, Pattern> vendorPatterns;
    private final Map<Integer, String> firstDigit;
    private final Map<Integer, String> secondDigit;
    private final Map<Integer, String> statusClass;
    private final Wording wording;
    private final ReplyWording replyWording;
    private final ReasonClassifier classifier;

    private Knowledge(
            List<KnowledgeFiles.CodeFile> files,
            KnowledgeFiles.WordingFile wordingFile,
            KnowledgeFiles.ReasonsFile reasonsFile) {
        var all = new ArrayList<CodeEntry>();
        var keys = new LinkedHashMap<String, CodeEntry>();
        var patterns = new LinkedHashMap<CodeEntry, Pattern>();
        var first = new HashMap<Integer, String>();
        var second = new HashMap<Integer, String>();
        var classes = new HashMap<Integer, String>();
        for (var file : files) {
            first.putAll(file.firstDigit());
            second.putAll(file.secondDigit());
            classes.putAll(file.statusClass());
            for (var entry : file.entries()) {
                if (keys.putIfAbsent(entry.key(), entry) != null) {
                    throw new IllegalStateException("duplicate knowledge key " + entry.key());
                }
                if (entry.kind() != CodeEntry.Kind.VENDOR && (entry.reason() != null || entry.detail() != null)) {
                    throw new IllegalStateException("only vendor entries name a reason: " + entry.key());
                }
                if (entry.kind() == CodeEntry.Kind.VENDOR) {
                    patterns.put(entry, Pattern.compile(entry.match(), Pattern.CASE_INSENSITIVE));
                } else if (!BASIC_KEY.matcher(entry.key()).matches()
                        && !ENHANCED_KEY.matcher(entry.key()).matches()) {
                    throw new IllegalStateException("badly formed knowledge key " + entry.key());
                }
                all.add(entry);
            }
        }
        this.entries = List.copyOf(all);
        this.byKey = Map.copyOf(keys);
        this.vendorPatterns = Collections.unmodifiableMap(patterns);
        this.firstDigit = Map.copyOf(first);
        this.secondDigit = Map.copyOf(second);
        this.statusClass = Map.copyOf(classes);
        this.wording = new Wording(wordingFile, byKey);
        this.replyWording = new ReplyWording(wording, reasonsFile);
        this.classifier = new ReasonClassifier(reasonsFile, replyWording);
    }

    /** Loads the built-in knowledge files; fails fast when one is broken. */
    public static Knowledge load() {
        var files =
                KnowledgeFiles.CODE_FILES.stream().map(KnowledgeFiles::codes).toList();
        return new Knowledge(files, KnowledgeFiles.wording(), KnowledgeFiles.reasons());
    }

    /** Every entry: basic codes, enhanced codes, vendor entries. */
    public List<CodeEntry> entries() {
        return entries;
    }

    /**
     * Looks up {@code 550}, {@code 5.1.1} (the {@code X.1.1} entry, else a vendor entry for that
     * exact code, else the subject's fallback), {@code 550 5.1.1} (the most specific entry) or a
     * vendor key such as {@code microsoft:5.7.606}.
     */
    public Optional<CodeEntry> lookup(String key) {
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        var k = key.strip();
        var exact = byKey.get(k);
        if (exact != null) {
            return Optional.of(exact);
        }
        var enhanced = EnhancedStatus.parse(k);
        if (enhanced.isPresent()) {
            return Optional.ofNullable(enhancedEntry(enhanced.get(), true));
        }
        return explain(k).entries().stream().findFirst();
    }

    /** Explains a pasted reply line ("550 5.1.1 <x@y>: Recipient address rejected: User unknown"). */
    public Explanation explain(String replyLine) {
        var line = ReplyLine.parse(replyLine);
        return explanation(ReplyLine.bounded(replyLine), line, null);
    }

    /**
     * Explains every remote reply in a pasted text: one reply line, a multi-line reply, or a whole
     * bounce message (see {@link BounceText}).
     */
    public List<Explanation> explainAll(String pasted) {
        return BounceText.replies(pasted).stream()
                .map(line -> explanation(line.normalized(), line, null))
                .toList();
    }

    /**
     * Explains every remote reply in a pasted text with the reason, causes, fixes and owner a live
     * probe would give it; the text is read up to {@link #MAX_PASTED} characters.
     */
    public List<ExplainedReply> explainText(String pasted) {
        return new ReplyExplainer(this, replyWording).explain(pasted);
    }

    /** How much of a pasted text is read; more than any real bounce. */
    public static final int MAX_PASTED = BounceText.MAX_CHARS;

    /** Why a reply a session received refused or deferred; null for a 2xx or 3xx reply. */
    public Reason reason(SmtpReply reply, Phase phase) {
        if (reply.codeClass() != 4 && reply.codeClass() != 5) {
            return null;
        }
        return explain(reply, phase).reason().reason();
    }

    /**
     * Explains one line of a reply a session received, with its codes as the reply reader read them;
     * the line's text is matched for vendors' wording only.
     */
    public Explanation explain(int code, EnhancedStatus enhanced, String receivedLine) {
        var text = ReplyLine.parse(receivedLine).text();
        return explanation(
                ReplyLine.bounded(receivedLine), new ReplyLine(code == 0 ? null : code, enhanced, text), null);
    }

    /** Explains a reply a session received in the given phase. */
    public Explanation explain(SmtpReply reply, Phase phase) {
        var code = reply.code() == 0 ? null : reply.code();
        var line = new ReplyLine(code, reply.enhanced(), BounceText.joinedText(reply.lines()));
        return explanation(
                reply.lines().isEmpty() ? "" : ReplyLine.bounded(reply.lines().get(0)), line, phase);
    }

    /** The meaning of a basic code's first digit, e.g. "5yz permanent negative completion...". */
    public String firstDigit(int code) {
        return firstDigit.getOrDefault(code / 100, "unknown reply class");
    }

    /** The meaning of a basic code's second digit, e.g. "x5z mail system...". */
    public String secondDigit(int code) {
        return secondDigit.getOrDefault((code / 10) % 10, "unknown reply category");
    }

    /** The meaning of an enhanced code's class (2, 4 or 5). */
    public String statusClass(EnhancedStatus status) {
        return statusClass.getOrDefault(status.statusClass(), "unknown status class");
    }

    /**
     * What the digits of a reply say on their own, for every reply: first and second digit of the
     * basic code (RFC 5321 §4.2.1) and the class and subject of the enhanced code (RFC 3463 §3).
     */
    public List<String> digits(int code, EnhancedStatus enhanced) {
        var texts = new ArrayList<String>();
        if (code >= 200 && code < 600) {
            texts.add(firstDigit(code));
            texts.add(secondDigit(code));
        }
        if (enhanced != null) {
            texts.add(statusClass(enhanced));
            var subject = byKey.get("X." + enhanced.subject() + ".*");
            if (subject != null) {
                texts.add("X." + enhanced.subject() + ".* " + subject.title().toLowerCase(Locale.ROOT) + ": "
                        + subject.meaning());
            }
        }
        return List.copyOf(texts);
    }

    /** One sentence for a hover text: the most specific entry's title and meaning. */
    public String shortMeaning(String replyLineOrCode) {
        return lookup(replyLineOrCode)
                .map(e -> e.title() + ": " + e.meaning())
                .orElse("Not a reply code mailflow knows.");
    }

    /**
     * The words for the customer of a run mailflow could not finish (an error, an interruption), which
     * has no diagnosis to speak from.
     */
    public PlainWords unfinishedWords(String to, String domain) {
        return new CustomerWords(wording).unfinished(to, domain);
    }

    /** Whether a finding is about mailflow's own configuration: a note for its administrator. */
    public boolean aboutMailflowSetup(String findingId) {
        return wording.has(findingId) && wording.text(findingId).setup();
    }

    Wording wording() {
        return wording;
    }

    ReplyWording replyWording() {
        return replyWording;
    }

    private Explanation explanation(String input, ReplyLine line, Phase phase) {
        var found = new ArrayList<CodeEntry>();
        var normalized = line.normalized();
        if (line.code() != null || line.enhanced() != null) {
            // Vendor texts first: they say the most about the server that wrote them.
            vendorPatterns.forEach((entry, pattern) -> {
                if (pattern.matcher(normalized).find()) {
                    found.add(entry);
                }
            });
        }
        if (line.enhanced() != null) {
            addIfPresent(found, enhancedEntry(line.enhanced(), false));
        }
        if (line.code() != null) {
            addIfPresent(found, byKey.get(String.valueOf(line.code())));
        }
        if (line.enhanced() != null) {
            addIfPresent(found, byKey.get("X." + line.enhanced().subject() + ".*"));
        }
        if (line.code() != null) {
            addIfPresent(found, byKey.get(line.code() / 100 + "xx"));
        }
        var enhanced = line.enhanced() == null ? null : line.enhanced().toString();
        var failure = line.code() == null
                ? line.enhanced() == null || line.enhanced().statusClass() != 2
                : line.code() >= 400;
        var reason = failure ? classifier.classify(phase, line, found) : ReplyReason.UNRECOGNISED;
        return new Explanation(input, line.code(), enhanced, found, reason);
    }

    private CodeEntry enhancedEntry(EnhancedStatus status, boolean withVendorsAndFallback) {
        var exact = byKey.get("X." + status.subject() + "." + status.detail());
        if (exact != null || !withVendorsAndFallback) {
            return exact;
        }
        var suffix = ":" + status;
        for (var entry : vendorPatterns.keySet()) {
            if (entry.key().endsWith(suffix)) {
                return entry;
            }
        }
        return byKey.get("X." + status.subject() + ".*");
    }

    private static void addIfPresent(List<CodeEntry> found, CodeEntry entry) {
        if (entry != null && !found.contains(entry)) {
            found.add(entry);
        }
    }
}
