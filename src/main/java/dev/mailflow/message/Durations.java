package dev.mailflow.message;

/** Seconds in the words the page and findings use: "5 h 10 min", "3 min 5 s", "2.5 s", "41 ms". */
public final class Durations {

    private Durations() {}

    public static String words(double seconds) {
        double s = Math.abs(seconds);
        String sign = seconds < 0 ? "−" : "";
        if (s > 0 && s < 1) {
            return sign + Math.round(s * 1000) + " ms";
        }
        if (s < 10 && s != Math.floor(s)) {
            return sign + String.format(java.util.Locale.ROOT, "%.1f s", s);
        }
        long total = Math.round(s);
        long days = total / 86_400;
        long hours = total % 86_400 / 3600;
        long minutes = total % 3600 / 60;
        long rest = total % 60;
        if (days > 0) {
            return sign + days + " d " + hours + " h";
        }
        if (hours > 0) {
            return sign + hours + " h " + minutes + " min";
        }
        if (minutes > 0) {
            return sign + minutes + " min" + (rest > 0 ? " " + rest + " s" : "");
        }
        return sign + rest + " s";
    }
}
