package io.toneguard.sip;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One routing rule: what an incoming INVITE must look like, and where leg B goes.
 *
 * @param userExact Request-URI user equal to this (null: any)
 * @param userPrefix Request-URI user starting with this (null: any)
 * @param userRegex Request-URI user matching this whole regex (null: any)
 * @param host Request-URI host equal to this, case-insensitive (null: any)
 * @param header name of a header that must match {@code headerRegex} (null: none)
 * @param headerRegex regex the header's value must match
 * @param target where leg B goes, e.g. {@code sip:agents@10.0.0.5:5060}
 * @param userRewrite replaces the target's user; {@code $user} stands for the Request-URI user,
 *     regex groups of {@code userRegex} as {@code $1}... (null: keep the target's user)
 * @param transport "udp", "tcp" or "tls" toward the target (null: the target's own, tls for sips:, or udp)
 * @param agentMedia leg B's media for calls of this rule (null: {@link SipSettings#agentMedia()})
 */
public record RouteRule(String userExact, String userPrefix, String userRegex, String host, String header,
        String headerRegex, String target, String userRewrite, String transport, AgentMedia agentMedia) {

    /** A rule with the default agent media. */
    public RouteRule(String userExact, String userPrefix, String userRegex, String host, String header,
            String headerRegex, String target, String userRewrite, String transport) {
        this(userExact, userPrefix, userRegex, host, header, headerRegex, target, userRewrite, transport, null);
    }

    public RouteRule {
        Objects.requireNonNull(target, "target");
        if (userRegex != null) {
            Pattern.compile(userRegex); // fails early with PatternSyntaxException
        }
        if (header != null && headerRegex == null) {
            throw new IllegalArgumentException("a header rule needs headerRegex");
        }
        if (headerRegex != null) {
            Pattern.compile(headerRegex);
        }
        if (transport != null && !transport.equals("udp") && !transport.equals("tcp") && !transport.equals("tls")) {
            throw new IllegalArgumentException("unknown transport '" + transport + "'");
        }
    }

    /** The target with the user rewritten, if this rule matches. */
    Optional<String> apply(String user, String requestHost, java.util.function.Function<String, String> headers) {
        String u = user == null ? "" : user;
        if (userExact != null && !userExact.equals(u)) {
            return Optional.empty();
        }
        if (userPrefix != null && !u.startsWith(userPrefix)) {
            return Optional.empty();
        }
        java.util.regex.Matcher m = null;
        if (userRegex != null) {
            m = Pattern.compile(userRegex).matcher(u);
            if (!m.matches()) {
                return Optional.empty();
            }
        }
        if (host != null && !host.equalsIgnoreCase(requestHost)) {
            return Optional.empty();
        }
        if (header != null) {
            String value = headers.apply(header);
            if (value == null || !Pattern.compile(headerRegex).matcher(value).matches()) {
                return Optional.empty();
            }
        }
        if (userRewrite == null) {
            return Optional.of(target);
        }
        String newUser = userRewrite.replace("$user", u);
        if (m != null) {
            for (int g = m.groupCount(); g >= 1; g--) {
                newUser = newUser.replace("$" + g, m.group(g) == null ? "" : m.group(g));
            }
        }
        return Optional.of(withUser(target, newUser));
    }

    private static String withUser(String uri, String user) {
        int colon = uri.indexOf(':');
        int at = uri.indexOf('@');
        String scheme = uri.substring(0, colon + 1);
        String rest = at >= 0 ? uri.substring(at + 1) : uri.substring(colon + 1);
        return scheme + user + "@" + rest;
    }
}
