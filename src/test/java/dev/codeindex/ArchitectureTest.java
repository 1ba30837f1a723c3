package dev.codeindex;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of docs/ARCHITECTURE.md, checked on the compiled main classes: who may wire, who
 * may see whom, and where each library may be used. A rule that fails names the offending
 * dependency; fix the layering, not the rule.
 */
class ArchitectureTest {
    static final String BASE = "dev.codeindex.";
    static JavaClasses main;

    @BeforeAll
    static void importMain() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.codeindex");
    }

    static String pkg(String name) {
        return BASE + name + "..";
    }

    /** Each library and the one adapter subpackage that may use it. */
    static final Map<String, String> LIBRARIES = Map.ofEntries(
            Map.entry("org.mapdb..", "manifest.mapdb"),
            Map.entry("org.apache.lucene..", "store.lucene"),
            Map.entry("io.qdrant..", "store.qdrant"),
            Map.entry("io.grpc..", "store.qdrant"),
            Map.entry("ai.onnxruntime..", "embed.onnx"),
            Map.entry("dev.langchain4j..", "embed.onnx"),
            Map.entry("ai.djl..", "embed.onnx"),
            Map.entry("io.javalin..", "server.javalin"),
            Map.entry("org.eclipse.jetty..", "server.javalin"),
            Map.entry("org.eclipse.jgit..", "walk.jgit"),
            Map.entry("org.treesitter..", "chunk.treesitter"),
            Map.entry("io.methvin..", "watch.methvin"),
            Map.entry("com.github.javaparser..", "chunk.java"),
            Map.entry("io.modelcontextprotocol..", "mcp.sdk"),
            Map.entry("reactor..", "mcp.sdk"));

    @Test
    void each_library_is_used_only_inside_its_adapter_subpackage() {
        LIBRARIES.forEach((library, adapter) -> noClasses().that().resideOutsideOfPackage(pkg(adapter))
                .should().dependOnClassesThat().resideInAPackage(library)
                .because(library + " belongs behind " + BASE + adapter)
                .check(main));
    }

    /**
     * The servlet API is the one thing the MCP endpoint ({@code mcp.sdk}, a servlet) and the HTTP
     * server ({@code server.javalin}, which mounts it) share; {@code cli} hands one to the other.
     */
    @Test
    void the_servlet_api_is_only_the_seam_between_the_mcp_endpoint_and_the_http_server() {
        noClasses().that().resideOutsideOfPackages(pkg("mcp.sdk"), pkg("server.javalin"), pkg("cli"))
                .should().dependOnClassesThat().resideInAPackage("jakarta.servlet..")
                .because("the MCP endpoint is a servlet that cli hands to the HTTP server; nothing else serves HTTP")
                .check(main);
    }

    @Test
    void nothing_depends_on_cli_the_one_place_that_wires() {
        noClasses().that().resideOutsideOfPackage(pkg("cli")).should().dependOnClassesThat()
                .resideInAPackage(pkg("cli")).check(main);
    }

    @Test
    void adapters_are_chosen_and_built_only_by_cli() {
        for (String adapter : new String[] {"manifest.mapdb", "store.lucene", "store.qdrant", "embed.onnx",
                "embed.http", "server.javalin", "walk.jgit", "watch.methvin", "mcp.sdk"}) {
            String stage = adapter.substring(0, adapter.indexOf('.'));
            noClasses().that().resideOutsideOfPackages(pkg(stage), pkg("cli"))
                    .should().dependOnClassesThat().resideInAPackage(pkg(adapter))
                    .because("the rest of the code sees a stage through its interface; cli picks the adapter")
                    .check(main);
        }
    }

    @Test
    void the_server_sees_only_the_daemon_interface() {
        noClasses().that().resideInAPackage(pkg("server")).should().dependOnClassesThat()
                .resideInAnyPackage(others("server", "api")).check(main);
    }

    @Test
    void the_mcp_tools_see_only_the_daemon_interface() {
        noClasses().that().resideInAPackage(pkg("mcp")).should().dependOnClassesThat()
                .resideInAnyPackage(others("mcp", "api")).check(main);
    }

    @Test
    void the_service_files_depend_on_nothing_of_the_pipeline() {
        noClasses().that().resideInAPackage(pkg("service")).should().dependOnClassesThat()
                .resideInAnyPackage(others("service")).check(main);
        noClasses().that().resideInAPackage(pkg("service")).should().dependOnClassesThat()
                .resideInAPackage("picocli..").because("the service files are rendered and written without the CLI")
                .check(main);
    }

    @Test
    void the_redactor_sees_only_the_chunker_interface_it_implements() {
        noClasses().that().resideInAPackage(pkg("secrets")).should().dependOnClassesThat()
                .resideInAnyPackage(others("secrets", "chunk", "util")).check(main);
        noClasses().that().resideOutsideOfPackages(pkg("secrets"), pkg("cli")).should().dependOnClassesThat()
                .resideInAPackage(pkg("secrets"))
                .because("the pipeline sees the redactor as chunk.TextRedactor; cli builds it").check(main);
    }

    @Test
    void the_daemon_interface_depends_on_nothing_of_the_pipeline() {
        noClasses().that().resideInAPackage(pkg("api")).should().dependOnClassesThat()
                .resideInAnyPackage(others("api")).check(main);
    }

    @Test
    void no_stage_reads_the_config_settings_are_built_in_cli() {
        noClasses().that().resideOutsideOfPackages(pkg("config"), pkg("cli")).should().dependOnClassesThat()
                .resideInAPackage(pkg("config")).check(main);
        noClasses().that().resideInAPackage(pkg("config")).should().dependOnClassesThat()
                .resideInAnyPackage(others("config", "util")).check(main);
    }

    @Test
    void stages_never_reach_downstream() {
        rule("chunk", "embed", "store", "manifest", "index", "daemon", "search", "watch", "secrets").check(main);
        rule("embed", "store", "manifest", "index", "daemon", "search", "watch").check(main);
        rule("store", "manifest", "index", "daemon", "watch").check(main);
        rule("manifest", "index", "daemon", "search", "watch", "store", "embed").check(main);
        rule("walk", "manifest", "index", "daemon", "watch", "chunk", "embed", "store").check(main);
        rule("watch", "daemon", "index", "manifest", "store", "embed", "search").check(main);
        rule("index", "daemon", "watch", "search").check(main);
        rule("search", "daemon", "index", "manifest", "watch").check(main);
    }

    static ArchRule rule(String from, String... notTo) {
        String[] targets = new String[notTo.length];
        for (int i = 0; i < notTo.length; i++) {
            targets[i] = pkg(notTo[i]);
        }
        return noClasses().that().resideInAPackage(pkg(from)).should().dependOnClassesThat()
                .resideInAnyPackage(targets);
    }

    static final String[] ALL = {"api", "chunk", "cli", "config", "daemon", "embed", "index", "manifest", "mcp",
            "search", "secrets", "server", "service", "store", "util", "walk", "watch"};

    /** Every top-level package of the code but {@code allowed}. */
    static String[] others(String... allowed) {
        return java.util.Arrays.stream(ALL).filter(p -> !java.util.List.of(allowed).contains(p))
                .map(ArchitectureTest::pkg).toArray(String[]::new);
    }
}
