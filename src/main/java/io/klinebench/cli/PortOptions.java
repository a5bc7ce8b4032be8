package io.klinebench.cli;

import io.klinebench.serial.PtyPair;
import io.klinebench.sim.PortSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Where a module answers a tester, for the commands that put one on a line ({@code sim},
 * {@code replay}): a serial port or a virtual pty pair, a stable symlink to the pty's slave, and
 * whether the module writes back what it hears. One set of words and checks for both, so that
 * the two say the same about the same mistake.
 */
final class PortOptions {

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Where where = new Where();

    static final class Where {
        @Option(
                names = "--port",
                paramLabel = "PATH",
                description = "A serial port (a K-line cable: it echoes our bytes).")
        String port;

        @Option(names = "--virtual", description = "Make a virtual pty pair; the tester opens the printed slave path.")
        boolean virtual;
    }

    @Option(
            names = "--link",
            paramLabel = "PATH",
            description = "With --virtual: also a stable symlink PATH to the slave.")
    Path link;

    @Option(
            names = "--echo",
            paramLabel = "on|off",
            description = "Write every received byte back, as a K-line does (dumb-interface testers wait for it). "
                    + "Default: on with --virtual, off with --port (the cable echoes).")
    String echo;

    /** What an empty --port is told, by every command that takes one. */
    static final String EMPTY_PORT = "--port: empty; a serial port's path is needed";

    /** A serial port, or null (a virtual pair, or not said yet). */
    String port() {
        return where.port;
    }

    /** Sets the port when none was given: a setup file's, a --can adapter's. */
    void port(String path) {
        where.port = path;
    }

    boolean virtual() {
        return where.virtual;
    }

    /** Whether neither --port nor --virtual was given. */
    boolean nowhere() {
        return where.port == null && !where.virtual;
    }

    /**
     * What is wrong with the words given, before anything opens: --link without --virtual, an
     * empty --port, an --echo that is neither on nor off.
     */
    Optional<String> wrongWords() {
        if (link != null && !where.virtual) {
            return Optional.of("--link goes with --virtual");
        }
        if (where.port != null && where.port.isEmpty()) {
            return Optional.of(EMPTY_PORT);
        }
        if (echo != null && OnOff.parse(echo) == null) {
            return Optional.of("--echo: expected on or off, not '" + echo + "'");
        }
        return Optional.empty();
    }

    /** {@code settings} with --echo as given (as they are without it); call after {@link #wrongWords}. */
    PortSettings echoAsGiven(PortSettings settings) {
        Boolean on = echo == null ? null : OnOff.parse(echo);
        return on == null ? settings : settings.echoBack(on);
    }

    /** Why the link cannot be made, said before anything opens: a file that is no symlink is never replaced. */
    Optional<String> unmakeableLink() {
        if (link != null && link.toString().isEmpty()) {
            return UserPaths.unwritableLink("--link", link); // not the working directory, which exists
        }
        if (link != null && Files.exists(link, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(link)) {
            return Optional.of("--link " + link + " exists and is not a symlink; not replacing it");
        }
        return UserPaths.unwritableLink("--link", link);
    }

    /** Removes an old link first: it would look like a ready module to whoever waits for it. */
    void removeOldLink() throws IOException {
        if (link != null && Files.isSymbolicLink(link)) {
            Files.delete(link);
        }
    }

    /**
     * Points the link at {@code pty}'s slave once the module answers (a script waits for it);
     * the link made, or null when none was asked for or there is no pty.
     */
    Path publish(PtyPair pty) throws IOException {
        if (pty == null || link == null) {
            return null;
        }
        Files.createSymbolicLink(link, Path.of(pty.slavePath()));
        return link;
    }

    /** Where the tester connects, in words: the port, or the link and the slave it points to. */
    String connect(PtyPair pty) {
        if (pty == null) {
            return where.port;
        }
        return link != null ? link + " (-> " + pty.slavePath() + ")" : pty.slavePath();
    }
}
