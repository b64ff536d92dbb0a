package cn.pipelinetracker.platform.i18n;

import java.util.Arrays;
import java.util.List;

/**
 * Text for people, in the reader's language: a key of the {@code i18n/problems} bundle with its arguments, and the
 * English text for where no bundle is at hand (logs, exceptions' own messages). A message without a key is English
 * only.
 */
public record Phrase(String key, String english, List<Object> args) {

    public static Phrase of(String key, String english, Object... args) {
        return new Phrase(key, english, Arrays.asList(args));
    }

    public static Phrase english(String text) {
        return new Phrase(null, text, List.of());
    }

    @Override
    public String toString() {
        return english;
    }
}
