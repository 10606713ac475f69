package io.toneguard.server.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Says in words why a file could not be read or written, without the path (the caller prints it first). */
final class FileErrors {
    private FileErrors() {
    }

    static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String m = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        if (m == null || m.isBlank()) {
            return "I/O error (" + e.getClass().getSimpleName() + ")";
        }
        return Character.toLowerCase(m.charAt(0)) + m.substring(1); // "Is a directory" -> "is a directory"
    }
}
