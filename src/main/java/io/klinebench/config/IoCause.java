package io.klinebench.config;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Why a file operation failed, in words for the user. Java's exceptions for the commonest
 * causes (ENOENT, EACCES, EEXIST) carry only the path in their message and the cause in their
 * type, so a message built from {@code getMessage()} said "cannot read /x: /x".
 */
public final class IoCause {

    private IoCause() {}

    /** The cause, without the path (the caller names the file it was working on). */
    public static String of(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return sentencePart(f.getReason());
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "file exists";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileSystemException) {
            return "failed (" + e.getClass().getSimpleName() + ")";
        }
        return e.getMessage() == null
                ? "input/output error (" + e.getClass().getSimpleName() + ")"
                : sentencePart(e.getMessage());
    }

    /** "Is a directory" reads "is a directory" after a colon; "ELOOP" stays as it is. */
    private static String sentencePart(String reason) {
        if (reason.length() > 1 && Character.isUpperCase(reason.charAt(0)) && Character.isLowerCase(reason.charAt(1))) {
            return Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
        }
        return reason;
    }
}
