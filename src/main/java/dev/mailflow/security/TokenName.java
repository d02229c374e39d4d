package dev.mailflow.security;

/** What a token's name may be: it becomes a run owner's name, shown and logged. */
final class TokenName {

    static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    static final String RULE = "1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit";

    private TokenName() {}

    static boolean valid(String name) {
        return name != null && name.matches(PATTERN);
    }
}
