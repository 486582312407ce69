package com.dousheng.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Which local addresses listen on a TCP port, read from the kernel's socket tables (Linux /proc/net/tcp*). */
final class ListeningSockets {
    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    /** Local addresses (hex, as the kernel writes them) of the sockets listening on {@code port}. */
    static List<String> addressesOf(int port) throws IOException {
        List<String> addresses = new ArrayList<>();
        for (String[] fields : listening()) {
            String[] local = fields[1].split(":");
            if (Integer.parseInt(local[1], 16) == port) {
                addresses.add(local[0]);
            }
        }
        return addresses;
    }

    /** Every port a socket of process {@code pid} listens on (its fds' socket inodes, found in the tables). */
    static Set<Integer> portsOf(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the fd was closed between the listing and the read
                }
            }
        }
        Set<Integer> ports = new TreeSet<>();
        for (String[] fields : listening()) {
            if (fields.length > 9 && inodes.contains(fields[9])) {
                ports.add(Integer.parseInt(fields[1].split(":")[1], 16));
            }
        }
        return ports;
    }

    /** The LISTEN rows of /proc/net/tcp and tcp6, split into fields (1: local address:port, 9: inode). */
    private static List<String[]> listening() throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            Path path = Path.of(table);
            if (!Files.exists(path)) {
                continue;
            }
            for (String line : Files.readAllLines(path)) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length >= 4 && LISTEN.equals(fields[3]) && fields[1].contains(":")) {
                    rows.add(fields);
                }
            }
        }
        return rows;
    }

    static boolean isWildcard(String hex) {
        return hex.chars().allMatch(c -> c == '0');
    }

    /** 127.x.x.x (IPv4, little-endian hex), ::1, or 127.x.x.x mapped into IPv6. */
    static boolean isLoopback(String hex) {
        if (hex.length() == 8) {
            return hex.endsWith("7F");
        }
        return hex.equals("00000000000000000000000001000000")
                || (hex.startsWith("0000000000000000FFFF0000") && hex.endsWith("7F"));
    }
}
