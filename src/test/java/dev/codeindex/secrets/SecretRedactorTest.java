package dev.codeindex.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.chunk.TextRedactor.Redacted;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Each rule on what it must find and on what it must leave alone. Secrets are built at run time
 * from pieces so that no scanner mistakes this file for a leak.
 */
class SecretRedactorTest {
    static final String AWS_ID = "AKIA" + "Q3EGRT7W2HXP5ZN4";
    static final String AWS_SECRET = "wJalrXUtnFEMI" + "/K7MDENG/bPxRfiCYzq8Tr4Lm1Vb";
    static final String GHP = "ghp_" + "a1B2c3D4e5F6g7H8i9J0".repeat(2).substring(0, 36);
    static final String GH_PAT = "github_pat_" + "11ABCDEFG0".repeat(9).substring(0, 82);
    static final String GLPAT = "glpat-" + "xY9zW8vU7tS6rQ5pO4nM";
    static final String SLACK = "xoxb-" + "123456789012-1234567890123-" + "AbCdEfGhIjKlMnOpQrStUvWx";
    static final String SLACK_HOOK = "https://hooks.slack.com/services/" + "T0000AAAA/B1111BBBB/" + "cCcCcCcCcCcCcCcCcCcCcCcC";
    static final String STRIPE = "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc";
    static final String GOOGLE = "AIza" + "SyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY";
    static final String NPM = "npm_" + "aB3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF3hI6";
    static final String PYPI = "pypi-AgEIcHlwaS5vcmc" + "CJDYzYzM4ZTY0LWI2ZmEtNDU3Ny1iMjM0LTliMjQ5ZjQzYWY2ZgACKl";
    static final String OPENAI = "sk-proj-" + "Zx8Yw7Vu6Ts5Rq4Po3Nm2Lk1Jh0Gf9Ed";
    static final String ANTHROPIC = "sk-ant-api03-" + "Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0Uv1Wx2Yz3Ab4Cd5Ef6Gh7";
    static final String JWT = "eyJhbGciOiJIUzI1NiJ9" + ".eyJzdWIiOiIxMjM0NTY3ODkwIn0" + ".dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
    static final String PEM_BODY = "MIIEowIBAAKCAQEA7bq9" + "Zk3u0X9mYk1rL2pQ\nx8Vb3Nc4Md5Oe6Pf7Qg8Rh9Si0Tj1Uk2Vl3Wm4Xn5Yo6\n";

    final SecretRedactor r = SecretRedactor.defaults();

    String redact(String path, String text) {
        Redacted out = r.redact(path, text);
        assertEquals(text.split("\n", -1).length, out.text().split("\n", -1).length, "lines kept: " + out.text());
        return out.text();
    }

    void hidden(String path, String text, String secret, String expectedLine) {
        String out = redact(path, text);
        assertFalse(out.contains(secret), out);
        if (expectedLine != null) {
            assertTrue(out.contains(expectedLine), out);
        }
    }

    void kept(String path, String text) {
        Redacted out = r.redact(path, text);
        assertEquals(0, out.count(), out.text());
        assertEquals(text, out.text());
    }

    @Test
    void tokens_known_by_their_shape_become_a_marker_naming_the_rule() {
        hidden("src/Aws.java", "String id = \"" + AWS_ID + "\";", AWS_ID, "\"«redacted:aws-access-key»\"");
        hidden("deploy.sh", "GITHUB_TOKEN=" + GHP + "\ngh pr list\n", GHP, "GITHUB_TOKEN=«redacted:github-token»");
        hidden("a.md", "use " + GH_PAT + " here", GH_PAT, "use «redacted:github-token» here");
        hidden(".gitlab-ci.yml", "  script: curl -H 'PRIVATE-TOKEN: " + GLPAT + "' x", GLPAT, "«redacted:gitlab-token»");
        hidden("bot.py", "client = WebClient(\"" + SLACK + "\")", SLACK, "«redacted:slack-token»");
        hidden("notify.js", "const url = '" + SLACK_HOOK + "';", SLACK_HOOK.substring(8), "https://«redacted:slack-webhook»");
        hidden("pay.rb", "Stripe.api_key = '" + STRIPE + "'", STRIPE, null);
        hidden("maps.ts", "load(\"" + GOOGLE + "\")", GOOGLE, "«redacted:google-api-key»");
        hidden("ci.txt", "//registry.npmjs.org/:_authToken=" + NPM, NPM, "«redacted:npm-token»");
        hidden("upload.cfg", "token " + PYPI, PYPI, "«redacted:pypi-token»");
        hidden("llm.py", "openai.api_key = \"" + OPENAI + "\"", OPENAI, null);
        hidden("claude.go", "c := New(\"" + ANTHROPIC + "\")", ANTHROPIC, "«redacted:anthropic-key»");
        hidden("Auth.kt", "val t = \"Bearer " + JWT + "\"", JWT, "Bearer «redacted:jwt»");
        hidden("config.json", "{\"auths\": {\"r.example.com\": {\"auth\": \"dXNlcjpodW50ZXIyaHVudGVy\"}}}",
                "dXNlcjpodW50ZXIyaHVudGVy", "\"auth\": \"«redacted:docker-auth»\"");
    }

    @Test
    void aws_secret_keys_are_found_next_to_a_name_that_says_aws() {
        hidden("creds.py", "aws_secret_access_key = \"" + AWS_SECRET + "\"\n", AWS_SECRET, null);
        hidden("app.yaml", "awsSecretKey: " + AWS_SECRET + "\n", AWS_SECRET, null);
        kept("hash.txt", "sha: " + AWS_SECRET.replace('/', 'x'));
    }

    @Test
    void a_private_key_block_is_replaced_whole_and_keeps_its_lines() {
        String pem = "-----BEGIN RSA PRIVATE KEY-----\n" + PEM_BODY + "-----END RSA PRIVATE KEY-----";
        String text = "class K {\n  static final String KEY = \"\"\"\n" + pem + "\n\"\"\";\n}\n";
        Redacted out = r.redact("K.java", text);
        assertEquals(1, out.count());
        assertFalse(out.text().contains("MIIEow"), out.text());
        assertEquals(text.split("\n", -1).length, out.text().split("\n", -1).length);
        assertTrue(out.text().contains("«redacted:private-key»\n\n\n\n\"\"\";\n}"), out.text());
        // a block cut short is hidden to the end
        hidden("cut.txt", "-----BEGIN OPENSSH PRIVATE KEY-----\n" + PEM_BODY, "MIIEow", null);
        kept("pub.txt", "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----\n");
    }

    @Test
    void assignments_keep_their_key_and_hide_the_literal_value() {
        hidden("application.yml", "spring:\n  datasource:\n    password: hunter2\n", "hunter2", "    password: «redacted»");
        hidden("application.properties", "spring.datasource.password=s3cr3t-Pa55\n", "s3cr3t-Pa55",
                "spring.datasource.password=«redacted»");
        hidden("settings.json", "{\"db\": {\"apiKey\": \"k-82hd7Gq\", \"host\": \"x\"}}", "k-82hd7Gq",
                "\"apiKey\": \"«redacted»\"");
        hidden("Db.java", "private String password = \"hunter2\";", "hunter2", "password = \"«redacted»\"");
        hidden("db.py", "conn = connect(host=h, password='hunter2')", "hunter2", "password='«redacted»'");
        hidden("main.go", "dbPassword := \"hunter2\"", "hunter2", "dbPassword := \"«redacted»\"");
        hidden("app.php", "'db_passwd' => 'hunter2',", "hunter2", "'db_passwd' => '«redacted»'");
        hidden(".my.cnf", "[client]\nuser=app\npassword=hunter2\n", "hunter2", "password=«redacted»");
        hidden("run.sh", "export DB_PASS=hunter2\n", "hunter2", "export DB_PASS=«redacted»");
        hidden("client.ts", "const clientSecret = `q1w2e3r4t5`;", "q1w2e3r4t5", "clientSecret = `«redacted»`");
        hidden("settings.xml", "<server><password>hunter2</password></server>", "hunter2", "<password>«redacted»</password>");
        hidden("db.env", "URL=postgres://app:hunter2@db:5432/app\n", "hunter2", "postgres://app:«redacted»@db:5432/app");
    }

    @Test
    void code_and_placeholders_are_not_secrets() {
        kept("Db.java", "String password = getPassword();\nthis.token = null;\nif (password == \"\") {}\n"
                + "private final Token token;\nString secret;\npassword = other.password;\n");
        kept("db.py", "password = os.environ['DB_PASSWORD']\ntoken: str = None\nmax_tokens = 512\n");
        kept("app.yaml", "secret: ${SECRET}\npassword: changeme\ntoken: xxx\napi_key: <api-key>\npassword: '***'\n"
                + "secretName: db-credentials\ntokenType: Bearer\npassword: \"{{ .Values.db.password }}\"\n"
                + "password_file: /run/secrets/db\n");
        kept("Keys.java", "static final String PASSWORD_KEY = \"spring.datasource.password\";\n"
                + "String prompt = \"Enter your password:\";\n");
        kept("tok.py", "tokenizer = \"bert-base\"\ntokens = ['a', 'b']\nbypass = 'always-on'\n");
        kept("fetch.js", "fetch(u, {credentials: 'include'})\n");
        // false positives once met in the JDK's sources
        kept("Demo.java", "char[] passphrase = \"passphrase\".toCharArray();\n"
                + "String SECURITY_CREDENTIALS = \"java.naming.security.credentials\";\n"
                + "s1 += (tokenObject ? \"token\" : \"session\") + \" object\";\n"
                + " * <token>hello</token>\n");
        kept("request.py", "user_pass = '%s:%s' % (user, pw)\ncredentials = '{}:{}'.format(user, passwd)\n");
        kept("README.md", "The password: is asked at start.\nconnect to postgres://user:password@localhost/db\n");
        kept("app.properties", "spring.datasource.password=${DB_PASSWORD}\n");
        // dependencies whose names hold a secret's word (found in express's and most Node projects' package.json)
        kept("package.json", "{\n  \"dependencies\": {\n    \"jsonwebtoken\": \"9.0.2\",\n"
                + "    \"pbkdf2-password\": \"1.2.1\",\n    \"passport-token\": \"^4.17.21\",\n"
                + "    \"token-utils\": \"~1.2.x\",\n    \"secret-sauce\": \">=1.0.0-beta.1\",\n"
                + "    \"api-key-check\": \"npm:other@2.0.0\",\n    \"my-token\": \"github:me/token\"\n  }\n}\n");
        kept("Cargo.toml", "[dependencies]\ntoken = \"0.4\"\nsecret-service = \"3.0.1\"\n");
    }

    /**
     * A password that holds a secret's or a placeholder's word was taken for a placeholder whatever else it held
     * (a trial): run together with digits it is a password; a name-shaped value (words and separators) stays one.
     */
    @Test
    void a_password_that_holds_a_secret_word_with_digits_is_a_secret() {
        for (String v : List.of("SuperSecretValue123XYZ", "MyCompanySecret2024", "prodSecret2024x", "k9Secretq7",
                "ExampleCorp2024", "Passw0rdProd1")) {
            hidden("conf.yaml", "password: " + v + "\n", v, "password: «redacted»");
            hidden("settings.py", "DB_PASSWORD = \"" + v + "\"\n", v, "DB_PASSWORD = \"«redacted»\"");
            hidden("prod.env", "DB_PASSWORD=" + v + "\n", v, "DB_PASSWORD=«redacted»");
        }
        String awsWithExample = "wJalrXUtnFEMI" + "/K7MDENG/bPxRfiCYEXAMPLEKEYQ";
        hidden("deploy.sh", "aws_secret_access_key=" + awsWithExample + "\n", awsWithExample, null);
        kept("app.yaml", "token: oauth2_token\npassword: password_hash_v2\nsecretName: db-credentials-2\n"
                + "tokenType: token.v1\n");
    }

    /** Command lines in scripts, CI files and READMEs kept their credentials (a trial: gitleaks has these rules). */
    @Test
    void credentials_on_a_command_line_are_secrets() {
        String pw = "Zq8fK2mN9pL4";
        String bearer = "zq8Xk2LmP9wR4tY7uI0oAb";
        hidden("deploy.sh", "curl -H \"Authorization: Bearer " + bearer + "\" https://api\n", bearer,
                "Authorization: Bearer «redacted:auth-header»");
        hidden("deploy.sh", "curl -u admin:" + pw + " https://internal/api\n", pw, "-u admin:«redacted:curl-password»");
        hidden("deploy.sh", "curl -s --user 'admin:" + pw + "' https://internal/api\n", pw, null);
        hidden("backup.sh", "mysql -u root -p" + pw + " proddb\n", pw, "-p«redacted:mysql-password» proddb");
        hidden("backup.sh", "mysqldump --password=" + pw + " db\n", pw, null);
        hidden("ssh.sh", "sshpass -p '" + pw + "' ssh admin@host\n", pw, "sshpass -p '«redacted:sshpass-password»'");
        // what the first version of these rules redacted (a review): prose, a path, commands after a pipe or &&
        kept("notes.md", "Basic src/main/java/v2/App.java\nVisualBasic 2019CompatibilityLayer1\nthe bearer\n"
                + "sha256_checksum_of_file\ncurl -s https://x | sort -u key:value_abc\n"
                + "mysql -u root -p db && nginx -p1234\nnomysql -pXyz12345 x\n");
        kept("app.yaml", "token: oauth2Token\n");
        kept("README.md", "Bearer authentication is used. Basic usage: curl -u $USER:$PASS https://x\n"
                + "mysql -u root -p proddb\ncurl -H \"Authorization: Bearer ${TOKEN}\" https://x\n"
                + "curl -u <user>:<password> https://x\nsshpass -p \"$PASS\" ssh host\n");
    }

    /** Values that start like a version or a dependency source but are credentials (found in review). */
    @Test
    void a_version_like_value_that_is_no_version_stays_a_secret() {
        hidden("app.yaml", "password: 1.2.3.4.5.hunter2\n", "hunter2", null);
        hidden("app.yaml", "token: 20240101\n", "20240101", "token: «redacted»");
        hidden("app.yaml", "password: 1.0-Zq8fK2mN9pL4sX7w\n", "Zq8fK2mN9pL4sX7w", "password: «redacted»");
        hidden("db.env", "DB_PASSWORD=2.1+Tr0ub4dorAndThree\n", "Tr0ub4dorAndThree", null);
        hidden("api.py", "API_TOKEN = \"9.4-aK29xQpL0zZr7TbV\"\n", "aK29xQpL0zZr7TbV", null);
        hidden("app.yaml", "password: npm:hunter2xyzzy\n", "hunter2xyzzy", null);
        hidden("app.yaml", "password: file:hunter2xyzzy\n", "hunter2xyzzy", null);
    }

    @Test
    void env_files_hide_random_values_whatever_their_name() {
        String random = "q8Zr2LmX7vPb4Nc9Wd1K";
        hidden("prod.env", "SESSION_KEY=" + random + "\nAPP_NAME=billing-service\nHOST=db.internal.example.com\n",
                random, "SESSION_KEY=«redacted»\nAPP_NAME=billing-service");
        kept("prod.env", "APP_NAME=billing-service\nLOG_LEVEL=debug\nHOST=db.internal.example.com\nPORT=5432\n");
        kept("config.sh", "SESSION_KEY=" + random + "\n"); // not env-style by name, no secret word
    }

    @Test
    void extra_patterns_and_the_allow_list_come_from_the_configuration() {
        SecretRedactor custom = new SecretRedactor(
                List.of(PatternRule.of("acme-key", Pattern.compile("acme_[0-9a-f]{16}")),
                        PatternRule.of("extra-2", Pattern.compile("internal-id: (?<secret>\\d{6})"))),
                List.of(Pattern.compile("AKIA[A-Z0-9]{9}EXAMPLE"), Pattern.compile("fixture-[a-z]+")));
        Redacted out = custom.redact("a.txt", "k = acme_0123456789abcdef\ninternal-id: 123456\n"
                + "id = AKIAIOSFODNN7EXAMPLE\npassword: fixture-only\npassword: hunter2\n");
        assertEquals("k = «redacted:acme-key»\ninternal-id: «redacted:extra-2»\nid = AKIAIOSFODNN7EXAMPLE\n"
                + "password: fixture-only\npassword: «redacted»\n", out.text());
        assertEquals(3, out.count());
        assertFalse(custom.fingerprint().equals(r.fingerprint()), "other rules, another fingerprint");
    }

    @Test
    void a_text_without_secrets_is_returned_as_it_is() {
        String text = "class A {\n  int f() { return 1; }\n}\n";
        Redacted out = r.redact("A.java", text);
        assertEquals(0, out.count());
        assertTrue(out.text() == text, "the same string, nothing copied");
    }
}
