package dev.codeindex.secrets;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The text of an XML element named for a secret ({@code <password>hunter2</password>}, as in Maven's settings.xml). */
final class XmlElementRule implements SecretRule {
    private static final Pattern ELEMENT = Pattern.compile(
            "<(?<tag>[A-Za-z0-9_.:-]{0,40}(?i:password|passwd|secret|token|apikey|api[_.-]key|privatekey)"
                    + "[A-Za-z0-9_.:-]{0,40})>(?<secret>[^<\\s]{1,1024})</\\k<tag>>");

    @Override
    public String id() {
        return "xml-secret";
    }

    @Override
    public void find(Scan scan, int priority, List<Span> out) {
        if (scan.text.indexOf("</") < 0 || !AssignmentRule.mentionsSecret(scan)) {
            return;
        }
        Matcher m = ELEMENT.matcher(scan.text);
        while (m.find()) {
            if (AssignmentRule.secretKey(m.group("tag")) && Literals.secretLike(m.group("secret"))) {
                out.add(new Span(m.start("secret"), m.end("secret"), id(), SecretRedactor.MARK, priority));
            }
        }
    }
}
