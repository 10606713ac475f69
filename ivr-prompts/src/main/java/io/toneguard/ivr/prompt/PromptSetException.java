package io.toneguard.ivr.prompt;

import java.util.List;

/** A prompt set that cannot be used; {@link #problems()} lists every problem found, each naming its file or line. */
public final class PromptSetException extends Exception {
    private final List<String> problems;

    public PromptSetException(String source, List<String> problems) {
        super("prompt set " + source + ": " + problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
