package dev.mailflow.bench;

import dev.mailflow.diagnosis.Knowledge;

/**
 * The bounce explainer on hostile pastes, each just under the 65,536-character cap: folded lines
 * (one reply continued over thousands of indented lines), deep quoting ({@code >} 3,000 times and
 * on every line), and a plain bounce for comparison. Prints the median and worst time of each over
 * a number of rounds after a warm-up; asserts nothing. Argument: rounds (default 30).
 */
public final class ExplainerBenchmark {

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        var knowledge = Knowledge.load();
        var texts = new java.util.LinkedHashMap<String, String>();
        texts.put("folded 65 KB", fill("Diagnostic-Code: smtp; 550 5.1.1 <kate@example.org>: rejected", "\n    word"));
        texts.put("folded 65 KB, one char lines", fill("Diagnostic-Code: smtp; 550 5.1.1 x", "\n x"));
        texts.put("3,000 '>' then a reply", ">".repeat(3000) + " 550 5.1.1 User unknown");
        texts.put("quoted lines", fill("550 5.1.1 User unknown", "\n> > > > > > > > > > 550 5.1.1 again"));
        texts.put("plain bounce", "host mx.example.org[192.0.2.10] said: 550 5.1.1 <kate@example.org>: User unknown");
        for (var entry : texts.entrySet()) {
            try {
                time(knowledge, entry.getKey(), entry.getValue(), rounds);
            } catch (StackOverflowError e) {
                System.out.printf(
                        "%-30s %6d chars  StackOverflowError%n",
                        entry.getKey(), entry.getValue().length());
            }
        }
    }

    private static void time(Knowledge knowledge, String name, String text, int rounds) {
        for (int i = 0; i < 5; i++) {
            knowledge.explainText(text);
        }
        {
            var times = new double[rounds];
            int replies = 0;
            for (int i = 0; i < rounds; i++) {
                long start = System.nanoTime();
                replies = knowledge.explainText(text).size();
                times[i] = (System.nanoTime() - start) / 1e6;
            }
            java.util.Arrays.sort(times);
            System.out.printf(
                    "%-30s %6d chars  %2d replies  median %8.2f ms  worst %8.2f ms%n",
                    name, text.length(), replies, times[rounds / 2], times[rounds - 1]);
        }
    }

    private static String fill(String first, String more) {
        var text = new StringBuilder(first);
        while (text.length() + more.length() <= Knowledge.MAX_PASTED) {
            text.append(more);
        }
        return text.toString();
    }
}
