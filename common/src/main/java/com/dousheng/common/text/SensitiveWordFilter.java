package com.dousheng.common.text;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;

/**
 * Masks listed words with {@code *} in one pass over the text, whatever the number of words (Aho-Corasick).
 * Matching ignores case; overlapping words are all masked. Safe to share between threads: the list can be
 * {@linkplain #replace replaced} while requests use it (each call sees one whole list, the old or the new).
 */
public final class SensitiveWordFilter {
    private volatile Automaton automaton;

    public SensitiveWordFilter(Collection<String> words) {
        this.automaton = new Automaton(words);
    }

    /** Uses {@code words} from now on (the configuration changed). */
    public void replace(Collection<String> words) {
        this.automaton = new Automaton(words);
    }

    public int wordCount() {
        return automaton.wordCount;
    }

    /** {@code text} with every listed word replaced by as many {@code *} as it has characters. */
    public String mask(String text) {
        return automaton.mask(text);
    }

    public boolean containsAny(String text) {
        return text != null && !mask(text).equals(text);
    }

    private static final class Node {
        final Map<Character, Node> next = new HashMap<>();
        Node fail;
        /** Length of the longest word ending here (through fail links too), 0 if none. */
        int matchLength;
    }

    /** The trie of one word list with its failure links; never changed once built. */
    private static final class Automaton {
        private final Node root = new Node();
        private final int wordCount;

        Automaton(Collection<String> words) {
            int count = 0;
            for (String word : words) {
                if (word == null || word.isBlank()) {
                    continue;
                }
                String w = word.trim().toLowerCase(Locale.ROOT);
                Node node = root;
                for (int i = 0; i < w.length(); i++) {
                    node = node.next.computeIfAbsent(w.charAt(i), c -> new Node());
                }
                node.matchLength = Math.max(node.matchLength, w.length());
                count++;
            }
            this.wordCount = count;
            linkFailures();
        }

        private void linkFailures() {
            Queue<Node> queue = new ArrayDeque<>();
            root.fail = root;
            for (Node child : root.next.values()) {
                child.fail = root;
                queue.add(child);
            }
            while (!queue.isEmpty()) {
                Node node = queue.poll();
                for (Map.Entry<Character, Node> edge : node.next.entrySet()) {
                    Node child = edge.getValue();
                    Node f = node.fail;
                    while (f != root && !f.next.containsKey(edge.getKey())) {
                        f = f.fail;
                    }
                    Node target = f.next.get(edge.getKey());
                    child.fail = target != null && target != child ? target : root;
                    child.matchLength = Math.max(child.matchLength, child.fail.matchLength);
                    queue.add(child);
                }
            }
        }

        String mask(String text) {
            if (text == null || wordCount == 0 || text.isEmpty()) {
                return text;
            }
            char[] out = null;
            Node node = root;
            for (int i = 0; i < text.length(); i++) {
                char c = Character.toLowerCase(text.charAt(i));
                while (node != root && !node.next.containsKey(c)) {
                    node = node.fail;
                }
                node = node.next.getOrDefault(c, root);
                if (node.matchLength > 0) {
                    if (out == null) {
                        out = text.toCharArray();
                    }
                    for (int j = i - node.matchLength + 1; j <= i; j++) {
                        out[j] = '*';
                    }
                }
            }
            return out == null ? text : new String(out);
        }
    }
}
