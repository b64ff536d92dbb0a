package cn.pipelinetracker.platform.security;

import cn.pipelinetracker.platform.i18n.Phrase;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/** Passwords made by the system (one-time, random) and the rule for those people choose. */
public final class Passwords {

    public static final int MIN_LENGTH = 10;
    /** bcrypt reads no further than 72 bytes: a longer password would be refused by the encoder. */
    public static final int MAX_BYTES = 72;
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    /** 20 characters without look-alikes (about 117 bits): read off a screen and typed once. */
    public static String random() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    /** Why {@code password} may not be {@code userName}'s own, or empty when it may. */
    public static Optional<Phrase> problem(String userName, String password) {
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of(Phrase.of("password.too-short", "must be at least " + MIN_LENGTH + " characters",
                    MIN_LENGTH));
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of(Phrase.of("password.too-long", "must be at most " + MAX_BYTES + " bytes (UTF-8)",
                    MAX_BYTES));
        }
        if (password.toLowerCase(Locale.ROOT).contains(userName.toLowerCase(Locale.ROOT))) {
            return Optional.of(Phrase.of("password.contains-name", "must not contain the user name"));
        }
        return Optional.empty();
    }
}
