package dev.codeindex.chunk.java;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.AnnotationDeclaration;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.CompactConstructorDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.comments.Comment;
import dev.codeindex.chunk.ParseFailure;
import dev.codeindex.chunk.Region;
import dev.codeindex.chunk.SourceFile;
import dev.codeindex.chunk.Structure;
import dev.codeindex.chunk.StructureParser;
import dev.codeindex.chunk.SymbolStats;
import dev.codeindex.util.Jit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Java structure with JavaParser at language level 25 (the default, 11, reports records, sealed
 * types and patterns as problems; RAW turns {@code yield} back into an identifier and fails on 1%
 * of java.base), with its semantic validation off (see {@link #configuration()}).
 *
 * <p>Regions: each method, constructor and compact constructor (with its leading Javadoc/comments),
 * and a header per type (declaration line up to its first method or nested type); a type with no
 * such members is one region. Methods of anonymous and local classes stay inside their enclosing
 * method's region.
 *
 * <p>Counts (README): functions = methods + constructors (+ compact record constructors) at any
 * depth, anonymous and local classes included; classes = class, interface, enum, record and
 * annotation declarations at any depth (anonymous classes are expressions, not declarations);
 * imports = import declarations. A file with any parse problem throws {@link ParseFailure}.
 *
 * <p>Thread-safe: one JavaParser per thread (JavaParser itself is not thread-safe). Comment
 * attribution is off (it costs ~6x on huge files); comments are matched to members by line.
 */
public final class JavaStructureParser implements StructureParser {
    /** JavaParser 3.28.2's processor that runs the language level's validators and post-processors. */
    private static final String VALIDATING_PROCESSOR = "com.github.javaparser.ParserConfiguration$2";

    private final ThreadLocal<JavaParser> parsers = ThreadLocal.withInitial(() -> new JavaParser(configuration()));

    /**
     * Language level 25 (it also tells the grammar that {@code yield} and friends are keywords),
     * without the semantic validators: they walk the whole tree again with a generic iterator and
     * cost ~20% of the parse, to report problems (an abstract method with a body, say) that do not
     * change the structure we read. Syntax errors still fail the parse.
     */
    static ParserConfiguration configuration() {
        ParserConfiguration c = new ParserConfiguration().setLanguageLevel(LanguageLevel.JAVA_25)
                .setAttributeComments(false)
                .setDetectOriginalLineSeparator(false); // only a pretty-printer needs it
        c.getProcessors().removeIf(p -> p.get().getClass().getName().equals(VALIDATING_PROCESSOR));
        return c;
    }

    @Override
    public Structure parse(SourceFile file) throws ParseFailure {
        Jit.javaFileParsed(); // a long run keeps JavaParser from C2
        ParseResult<CompilationUnit> result;
        try {
            result = parsers.get().parse(file.text());
        } catch (RuntimeException | StackOverflowError e) {
            throw new ParseFailure("JavaParser crashed: " + e, e);
        }
        if (!result.isSuccessful() || result.getResult().isEmpty()) {
            String why = result.getProblems().isEmpty() ? "no result" : result.getProblems().get(0).getVerboseMessage();
            throw new ParseFailure(firstLine(why));
        }
        CompilationUnit cu = result.getResult().get();
        TreeMap<Integer, Integer> commentStartByEnd = new TreeMap<>();
        result.getCommentsCollection().ifPresent(cc -> {
            for (Comment c : cc.getComments()) {
                c.getRange().ifPresent(r -> commentStartByEnd.merge(r.end.line, r.begin.line, Math::min));
            }
        });
        List<Region> regions = new ArrayList<>();
        int floor = 1;
        for (TypeDeclaration<?> type : cu.getTypes()) {
            floor = typeRegions(type, "", regions, commentStartByEnd, floor);
        }
        return new Structure(regions, count(cu));
    }

    /** Adds the regions of one type and its members; returns the first line after the type. */
    private static int typeRegions(TypeDeclaration<?> type, String outer, List<Region> out,
                                   TreeMap<Integer, Integer> comments, int floor) {
        String name = outer.isEmpty() ? type.getNameAsString() : outer + "." + type.getNameAsString();
        int typeStart = begin(type);
        int typeEnd = end(type);
        List<BodyDeclaration<?>> units = new ArrayList<>();
        for (BodyDeclaration<?> m : type.getMembers()) {
            if (m instanceof CallableDeclaration<?> || m instanceof CompactConstructorDeclaration
                    || m instanceof TypeDeclaration<?>) {
                units.add(m);
            }
        }
        if (typeStart < floor) {
            return Math.max(floor, typeEnd + 1); // shares a line with what came before: already covered
        }
        int start0 = withComments(typeStart, comments, floor);
        if (units.isEmpty()) {
            out.add(new Region(start0, typeEnd, name, kind(type)));
            return typeEnd + 1;
        }
        int headerEnd = withComments(begin(units.get(0)), comments, typeStart + 1) - 1;
        if (headerEnd >= start0) {
            out.add(new Region(start0, headerEnd, name, kind(type)));
        }
        floor = Math.max(start0, headerEnd + 1);
        for (BodyDeclaration<?> m : units) {
            if (m instanceof TypeDeclaration<?> nested) {
                floor = typeRegions(nested, name, out, comments, floor);
                continue;
            }
            int start = withComments(begin(m), comments, floor);
            String member = m instanceof MethodDeclaration md ? md.getNameAsString() : type.getNameAsString();
            String kind = m instanceof MethodDeclaration ? "method" : "constructor";
            int stop = end(m);
            if (start >= floor && stop >= start) {
                out.add(new Region(start, stop, name + "." + member, kind));
                floor = stop + 1;
            }
        }
        return Math.max(floor, typeEnd + 1);
    }

    /** Extends a member's first line upward over the comments that end right above it, never below floor. */
    private static int withComments(int line, TreeMap<Integer, Integer> commentStartByEnd, int floor) {
        int start = line;
        while (true) {
            Integer sameOrAbove = commentStartByEnd.floorKey(start);
            if (sameOrAbove == null || sameOrAbove < start - 1) {
                return start;
            }
            int cStart = commentStartByEnd.get(sameOrAbove);
            if (cStart >= start || cStart < floor) {
                return start;
            }
            start = cStart;
        }
    }

    private static SymbolStats count(CompilationUnit cu) {
        SymbolCounter counter = new SymbolCounter();
        cu.accept(counter, null);
        return counter.stats();
    }

    private static String kind(TypeDeclaration<?> t) {
        if (t instanceof EnumDeclaration) {
            return "enum";
        }
        if (t instanceof RecordDeclaration) {
            return "record";
        }
        if (t instanceof AnnotationDeclaration) {
            return "annotation";
        }
        if (t.isClassOrInterfaceDeclaration() && t.asClassOrInterfaceDeclaration().isInterface()) {
            return "interface";
        }
        return "class";
    }

    private static int begin(Node n) {
        return n.getRange().map(r -> r.begin.line).orElse(1);
    }

    private static int end(Node n) {
        return n.getRange().map(r -> r.end.line).orElse(begin(n));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
