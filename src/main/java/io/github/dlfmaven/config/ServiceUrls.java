package io.github.dlfmaven.config;

import io.github.dlfmaven.text.LogText;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The URLs of the services a build talks to (the DLF endpoint, IAM, the instance metadata service), checked the
 * same way wherever they are set, so that a malformed one is reported with its setting before any request,
 * never as a raw exception of the HTTP library.
 */
final class ServiceUrls {

    private ServiceUrls() {}

    /**
     * The URL, or null after adding a problem naming {@code where} (see {@link SettingNames#where}).
     *
     * @param what the URL's role in messages, such as {@code Endpoint}
     * @param example a correct value, for the messages
     * @param keepPath whether the URL is a base (trailing slashes dropped) or a full address (kept as given)
     */
    static URI parse(String value, String what, String where, String example, boolean keepPath, List<String> problems) {
        String suffix = " (" + where + ").";
        // Every message shows the value without any user info: a URL may carry credentials, which no message shows.
        String shown = withoutUserInfo(value);
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            problems.add(what + " '" + LogText.escape(shown) + "' is not a valid URL: " + e.getReason()
                    + "; use a URL such as " + example + suffix);
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            problems.add(what + " '" + LogText.escape(shown) + "' must start with https:// (or http:// for a"
                    + " local stand-in), such as " + example + suffix);
            return null;
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            problems.add(what + " '" + (uri.getHost() == null ? "" : uri.getHost())
                    + "' must be a plain URL, without user"
                    + " info, query or fragment; credentials belong in settings.xml or the environment" + suffix);
            return null;
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
            String port = authority.replaceFirst("^.*:", "");
            if (authority.contains("_")) {
                problems.add(
                        what + " '" + LogText.escape(shown) + "' has a host name with '_', which URLs do not allow; use"
                                + " the host's DNS name or its IP address" + suffix);
            } else if (authority.contains(":")
                    && !authority.endsWith("]")
                    && port.chars().allMatch(Character::isDigit)
                    && !port.isEmpty()) {
                problems.add(what + " '" + LogText.escape(shown) + "' has port " + port
                        + ", which is not between 1 and 65535" + suffix);
            } else {
                problems.add(what + " '" + LogText.escape(shown) + "' has no host name; use a URL such as " + example
                        + suffix);
            }
            return null;
        }
        if (uri.getHost().contains("%")) {
            problems.add(what + " '" + LogText.escape(shown) + "' names an IPv6 address with a zone (%...), which this"
                    + " plugin cannot use; use the host's name or an address without a zone" + suffix);
            return null;
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            problems.add(what + " '" + LogText.escape(shown) + "' has port " + uri.getPort()
                    + ", which is not between 1 and 65535" + suffix);
            return null;
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        URI url = URI.create(scheme + "://" + uri.getRawAuthority() + (keepPath ? path : path.replaceAll("/+$", "")));
        if (!clientAccepts(url)) {
            problems.add(what + " '" + LogText.escape(shown) + "' has a host name no HTTP client can use (a part"
                    + " longer than 63 characters, or a malformed international name); use a URL such as " + example
                    + suffix);
            return null;
        }
        return url;
    }

    /**
     * Whether the HTTP client takes the URL: the last word on what the configuration accepts, since {@link URI} takes
     * host names (a label over 63 characters, a malformed {@code xn--} label) that the client refuses.
     */
    static boolean clientAccepts(URI url) {
        return okhttp3.HttpUrl.parse(url.toString()) != null;
    }

    /** Whether the URL's host is this machine (a loopback name or address), where plain http exposes nothing. */
    static boolean isLoopback(URI url) {
        String host = url.getHost();
        if (host == null) {
            return false;
        }
        try {
            return InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host)
                    .isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * A URL that failed to parse may still hold user info; it is not echoed. Everything up to the last {@code @} goes, a
     * password may hold {@code /} or {@code @} itself; where an {@code @} belonged to the path, a message shows less.
     */
    private static String withoutUserInfo(String value) {
        return value.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)\\S*@", "$1");
    }

    /** A warning for a plain http URL outside this machine, saying what would travel unencrypted; empty otherwise. */
    static Optional<String> plainHttpWarning(URI url, String what, String travels) {
        if (!url.getScheme().equals("http") || isLoopback(url)) {
            return Optional.empty();
        }
        return Optional.of(what + " " + url + " is plain http: " + travels + " travel unencrypted. Use https outside"
                + " local test setups.");
    }
}
