package dev.codeindex.api;

import java.util.List;

/**
 * The lines that use a name, file by file (source first, then docs, vendored code and tests, each in path
 * order), with how far the look went.
 *
 * @param name       the name matched (a qualified name's last part)
 * @param references at most the k asked for, in path and line order, root by root
 * @param files      files with a reference listed
 * @param candidates files that may hold the name: their index holds it in some case, or as a word of a longer
 *                   identifier ({@code parse} in {@code parse_args}); without a keyword index, files whose bytes
 *                   hold it. An upper bound of the files that use it
 * @param complete   every candidate was read and every reference in them is listed; false when k cut the
 *                   list, a root could not answer, or too many chunks hold the name to list their files
 * @param pending    as in {@link SearchAnswer#pending()}
 * @param coverage   as in {@link SearchAnswer#coverage()}
 * @param notes      as in {@link SearchAnswer#notes()}
 */
public record ReferencesAnswer(String name, List<Reference> references, long files, long candidates, boolean complete,
                               long pending, Coverage coverage, List<String> notes) {
    public ReferencesAnswer {
        references = List.copyOf(references);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /**
     * Several roots' answers made one, the roots asked in turn: at most k references in all, a root after k is
     * reached left unasked, one that could not answer making the whole incomplete. Pending files and coverage add
     * up as a search over several roots adds them (an unknown one leaves the sum unknown).
     */
    public static final class Merged {
        private final String name;
        private final int k;
        private final List<Reference> references = new java.util.ArrayList<>();
        private final List<String> notes;
        private long files;
        private long candidates;
        private boolean complete = true;
        private long pending;
        private Coverage coverage;
        private boolean coverageKnown = true;
        private int answered;

        /**
         * @param notes the answer's notes: what it says before any root's, and where the roots' go (a caller may add
         *              to it as it asks them)
         */
        public Merged(String name, int k, List<String> notes) {
            this.name = name;
            this.k = k;
            this.notes = notes;
        }

        /**
         * References still to list for the next root: 0 once k is reached, and then the root is not asked (one
         * without a keyword index reads its whole tree) and the answer says so.
         */
        public int room(String root) {
            int room = k - references.size();
            if (room <= 0) {
                complete = false;
                notes.add(root + " was not looked at: " + k + " references were listed before it");
            }
            return room;
        }

        /** A root that could not answer, whose note is already said. */
        public void missing() {
            complete = false;
        }

        /** A root that could not answer: said, so that no one reads the list as every use there is. */
        public void failed(String root, RuntimeException e) {
            missing();
            notes.add(SearchAnswer.notSearched(root, e));
        }

        /** A root's answer, of at most the room it was given. */
        public void add(ReferencesAnswer a) {
            answered++;
            int room = k - references.size();
            references.addAll(a.references().subList(0, Math.min(room, a.references().size())));
            complete &= a.complete() && a.references().size() <= room;
            files += Math.max(0, a.files());
            candidates += Math.max(0, a.candidates());
            notes.addAll(a.notes());
            pending = pending < 0 || a.pending() < 0 ? -1 : pending + a.pending();
            coverageKnown &= a.coverage() != null;
            coverage = a.coverage() == null ? coverage : coverage == null ? a.coverage() : coverage.plus(a.coverage());
        }

        public boolean answered() {
            return answered > 0;
        }

        /** The answer, with the pending files and coverage the roots' answers gave. */
        public ReferencesAnswer answer() {
            return answer(pending, coverageKnown ? coverage : null);
        }

        /** The answer, with the pending files and coverage the caller knows better. */
        public ReferencesAnswer answer(long pending, Coverage coverage) {
            return new ReferencesAnswer(name, references, files, candidates, complete, pending, coverage, notes);
        }
    }

    /**
     * {@code a}, not complete and saying why, while files wait for a pass: a file that gained its first use of the
     * name since it was indexed is no candidate yet (a trial: complete, and the new call missing, for a moment).
     */
    public static ReferencesAnswer behind(ReferencesAnswer a) {
        if (a.pending() == 0) {
            return a;
        }
        List<String> notes = new java.util.ArrayList<>(a.notes());
        notes.add(a.pending() < 0 ? "an index run is in progress: a file it has not reached is not looked at"
                : a.pending() + (a.pending() == 1 ? " file changed and is" : " files changed and are") + " not indexed yet:"
                        + " one that gained its first use of the name since is not looked at");
        return new ReferencesAnswer(a.name(), a.references(), a.files(), a.candidates(), false, a.pending(), a.coverage(),
                notes);
    }
}
