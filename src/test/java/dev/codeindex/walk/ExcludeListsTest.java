package dev.codeindex.walk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Built-in excludes, build-output markers, secret excludes and their config overrides. */
class ExcludeListsTest {
    @TempDir Path dir;

    @Test
    void builtin_excludes_skip_dependency_and_vcs_directories_without_entering_them() {
        TestTree t = new TestTree(dir).files("src/a.js", "node_modules/lib/index.js", "web/node_modules/x.js",
                ".git/HEAD", "__pycache__/m.pyc", ".idea/workspace.xml", "m.pyc", "package-lock.json");

        RecordingVisitor v = t.walk();

        assertEquals(List.of("src/a.js"), v.files);
        assertTrue(v.ignored.containsAll(List.of(".git/", "node_modules/", "web/node_modules/", "__pycache__/",
                ".idea/", "m.pyc", "package-lock.json")), v.ignored.toString());
        assertFalse(v.ignored.contains("node_modules/lib/index.js"), "an ignored directory is not entered");
    }

    /** Old copies an editor or a patch leaves beside a file are not indexed: their hits would show stale code. */
    @Test
    void editor_backups_and_patch_leftovers_are_skipped() {
        TestTree t = new TestTree(dir).files("lib/zq.js", "lib/zq.js~", "lib/#zq.js#", "lib/.zq.js.swp", "lib/.zq.js.swo",
                "lib/zq.js.orig", "lib/zq.js.rej", "lib/zq.js.bak", "lib/tilde~dir/a.js");

        RecordingVisitor v = t.walk();

        assertEquals(List.of("lib/tilde~dir/a.js", "lib/zq.js"), v.files);
    }

    @Test
    void vendor_directories_are_indexed_because_they_hold_real_sources() {
        RecordingVisitor v = new TestTree(dir).files("vendor/github.com/x/y.go").walk();

        assertEquals(List.of("vendor/github.com/x/y.go"), v.files);
    }

    @Test
    void build_output_names_are_skipped_only_next_to_the_build_file_that_makes_them() {
        TestTree t = new TestTree(dir).files("pom.xml", "target/classes/A.class", "target/gen/B.java",
                "drivers/target/core.c", "include/target/core.h", "tools/build/feature.c",
                "app/build.gradle", "app/build/tmp/x.java", "py/pyproject.toml", "py/dist/pkg.py",
                "go/src/internal/coverage/cov.go");

        RecordingVisitor v = t.walk();

        assertEquals(List.of("app/build.gradle", "drivers/target/core.c", "go/src/internal/coverage/cov.go",
                "include/target/core.h", "pom.xml", "py/pyproject.toml", "tools/build/feature.c"), v.files);
        assertTrue(v.ignored.containsAll(List.of("target/", "app/build/", "py/dist/")), v.ignored.toString());
    }

    @Test
    void cache_and_virtualenv_directories_are_skipped_whatever_their_name() {
        TestTree t = new TestTree(dir).files("rs/cache/CACHEDIR.TAG", "rs/cache/x.rs", "env/pyvenv.cfg",
                "env/lib/site.py", "Lib/venv/__init__.py");

        RecordingVisitor v = t.walk();

        assertEquals(List.of("Lib/venv/__init__.py"), v.files);
        assertTrue(v.ignored.containsAll(List.of("rs/cache/", "env/")), v.ignored.toString());
    }

    @Test
    void builtin_excludes_can_be_switched_off() {
        TestTree t = new TestTree(dir).files("node_modules/x.js", "pom.xml", "target/y.java");

        RecordingVisitor v = t.walk(WalkOptions.defaults().withBuiltinExcludes(false));

        assertEquals(List.of("node_modules/x.js", "pom.xml", "target/y.java"), v.files);
    }

    @Test
    void config_negation_re_includes_what_a_builtin_skips() {
        TestTree t = new TestTree(dir).files("package-lock.json", "pom.xml", "target/gen/A.java", "node_modules/x.js");

        RecordingVisitor v = t.walk(WalkOptions.defaults().withExcludes(List.of("!package-lock.json", "!target/")));

        assertEquals(List.of("package-lock.json", "pom.xml", "target/gen/A.java"), v.files);
    }

    @Test
    void config_excludes_add_patterns() {
        TestTree t = new TestTree(dir).files("a.go", "a.gen.go", "docs/big.md");

        RecordingVisitor v = t.walk(WalkOptions.defaults().withExcludes(List.of("*.gen.go", "/docs/")));

        assertEquals(List.of("a.go"), v.files);
    }

    @Test
    void secret_files_are_skipped_and_templates_are_kept() {
        TestTree t = new TestTree(dir).files(".env", ".env.local", ".env.example", "deploy/.env.production",
                ".ssh/id_rsa", "keys/id_ed25519.pub", "certs/x.pem", "tls/server.key", ".aws/credentials",
                "infra/terraform.tfstate", ".npmrc", "main.c");

        RecordingVisitor v = t.walk();

        assertEquals(List.of(".env.example", "main.c"), v.files);
    }

    /** A home directory as a root indexed its shell histories, and with them every password typed (a trial). */
    @Test
    void shell_and_repl_histories_are_skipped() {
        TestTree t = new TestTree(dir).files(".bash_history", ".zsh_history", "home/.python_history", ".psql_history",
                ".mysql_history", ".node_repl_history", ".history", ".viminfo", "src/order_history.py", "history.md");

        RecordingVisitor v = t.walk();

        assertEquals(List.of("history.md", "src/order_history.py"), v.files);
    }

    @Test
    void client_credential_files_of_databases_registries_and_clusters_are_skipped() {
        TestTree t = new TestTree(dir).files(".my.cnf", "home/.mylogin.cnf", ".pgpass", "vault.kdbx", ".netrc",
                ".dockercfg", "ci/.docker/config.json", "ops/kubeconfig", "ops/prod.kubeconfig", ".kube/config",
                ".config/gh/hosts.yml", "svc.keytab", ".s3cfg", "app/config.json", "deploy/app.env", "hosts.yml");

        RecordingVisitor v = t.walk();

        // a config.json or *.env elsewhere is indexed, its secrets redacted by content
        assertEquals(List.of("app/config.json", "deploy/app.env", "hosts.yml"), v.files);
    }

    @Test
    void repository_ignore_files_cannot_re_include_a_secret() {
        TestTree t = new TestTree(dir).gitRepo().add(".gitignore", "!.env\n!*.pem").files(".env", "x.pem");

        RecordingVisitor v = t.walk();

        assertEquals(List.of(".gitignore"), v.files);
    }

    @Test
    void config_can_replace_the_secret_list_to_drop_one_pattern() {
        TestTree t = new TestTree(dir).files("x.pem", ".env", "id_rsa");
        List<String> secrets = new ArrayList<>(WalkOptions.DEFAULT_SECRET_EXCLUDES);
        secrets.remove("*.pem");

        RecordingVisitor v = t.walk(WalkOptions.defaults().withSecretExcludes(secrets));

        assertEquals(List.of("x.pem"), v.files);
    }

    @Test
    void config_can_append_a_negation_to_the_secret_list() {
        TestTree t = new TestTree(dir).files(".env", ".env.local");
        List<String> secrets = new ArrayList<>(WalkOptions.DEFAULT_SECRET_EXCLUDES);
        secrets.add("!.env");

        RecordingVisitor v = t.walk(WalkOptions.defaults().withSecretExcludes(secrets));

        assertEquals(List.of(".env"), v.files);
    }

    @Test
    void null_lists_mean_no_extra_excludes_and_the_default_secrets() {
        WalkOptions o = new WalkOptions(false, true, null, null);

        assertEquals(List.of(), o.excludes());
        assertEquals(WalkOptions.DEFAULT_SECRET_EXCLUDES, o.secretExcludes());
        assertEquals(WalkOptions.defaults(), o);
    }

    @Test
    void an_invalid_pattern_is_rejected_naming_the_key_and_the_pattern() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WalkOptions.defaults().withExcludes(List.of("ok/", "src/[z-a]")));

        assertTrue(e.getMessage().contains("walk.excludes") && e.getMessage().contains("src/[z-a]"), e.getMessage());
    }

    @Test
    void every_default_pattern_is_valid() {
        for (String p : WalkOptions.DEFAULT_EXCLUDES) {
            assertFalse(new org.eclipse.jgit.ignore.FastIgnoreRule(p).isEmpty(), p);
        }
        for (String p : WalkOptions.DEFAULT_SECRET_EXCLUDES) {
            assertFalse(new org.eclipse.jgit.ignore.FastIgnoreRule(p).isEmpty(), p);
        }
    }
}
