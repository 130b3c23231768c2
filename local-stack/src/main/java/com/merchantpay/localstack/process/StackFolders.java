package com.merchantpay.localstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the members of a stack keep their files: {@code <root>/<member>/} for data and configuration,
 * {@code <root>/logs/} for every log, {@code <root>/pids/<member>.pid} while a member runs.
 * One place for PIDs lets a new launcher find and stop whatever a crashed one left running.
 */
public record StackFolders(Path root) {

    public StackFolders {
        root = root.toAbsolutePath().normalize();
    }

    private static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /**
     * Makes the stack start from nothing: whatever a crashed earlier run left running is stopped, then
     * every file under the root is deleted (old topics, state and logs would only slow every read and
     * blur what a test counts).
     */
    public void startAfresh() {
        stopLeftovers();
        deleteTree(root);
    }

    /** Deletes {@code folder} and everything in it; nothing when it does not exist. */
    public static void deleteTree(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not clear " + folder, e);
        }
    }

    public Path homeOf(String member) {
        return root.resolve(member);
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path pidFile(String member) {
        return root.resolve("pids").resolve(member + ".pid");
    }

    /**
     * Stops every process that a previous launcher recorded and left alive, newest first: members stop
     * in reverse order of start, as in a normal shutdown (the registry hangs on SIGTERM once the broker
     * it journals to is gone). Returns how many it stopped.
     */
    public int stopLeftovers() {
        Path pids = root.resolve("pids");
        if (!Files.isDirectory(pids)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(pids)) {
            List<Path> pidFiles = files.filter(file -> file.toString().endsWith(".pid"))
                    .sorted(Comparator.comparing(StackFolders::lastModified).reversed())
                    .toList();
            int stopped = 0;
            for (Path pidFile : pidFiles) {
                String member = pidFile.getFileName().toString().replaceFirst("\\.pid$", "");
                if (ChildProcess.stopLeftover(pidFile, JavaCommand.marker(member))) {
                    stopped++;
                }
            }
            return stopped;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + pids, e);
        }
    }
}
