package io.github.dlfmaven.config;

import io.github.dlfmaven.text.LogText;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the plugin connects, checked: the DLF endpoint, IAM and the metadata service, each from its explicit URL or,
 * for DLF and IAM, from the region ({@code https://dayu-dlf.{region}.myhuaweicloud.com}, {@code
 * https://iam.{region}.myhuaweicloud.com}).
 */
final class Endpoints {

    private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final ConnectionSettings.Builder raw;
    private final SettingNames names;
    private final List<String> problems;
    private final String region;
    private final boolean regionValid;

    Endpoints(ConnectionSettings.Builder raw, SettingNames names, List<String> problems) {
        this.raw = raw;
        this.names = names;
        this.problems = problems;
        this.region = RawValues.blank(raw.region);
        this.regionValid = region == null || validRegion(region);
    }

    /** The host of a Huawei Cloud service in the region. */
    private URI regional(String service) {
        return regional(service, region);
    }

    /** The host of a Huawei Cloud service ({@code dayu-dlf}, {@code iam}, {@code obs}) in a region. */
    static URI regional(String service, String region) {
        return URI.create("https://" + service + "." + region + ".myhuaweicloud.com");
    }

    /** Whether a region id is well formed, such as {@code cn-north-4}. */
    static boolean validRegion(String region) {
        return REGION.matcher(region).matches() && ServiceUrls.clientAccepts(regional("dayu-dlf", region));
    }

    URI dlf() {
        // Checked even when the endpoint is given: the region also names the IAM host.
        if (!regionValid) {
            problems.add("Region '" + LogText.escape(region) + "' is not a region id such as cn-north-4 or"
                    + " ap-southeast-3 (" + names.where(Setting.REGION) + ").");
        }
        String explicit = RawValues.blank(raw.endpoint);
        if (explicit != null) {
            return ServiceUrls.parse(
                    explicit,
                    "Endpoint",
                    names.where(Setting.ENDPOINT),
                    "https://dayu-dlf.cn-north-4.myhuaweicloud.com",
                    false,
                    problems);
        }
        if (region == null) {
            problems.add("No DLF endpoint: set the region with " + names.where(Setting.REGION)
                    + " (e.g. cn-north-4), or the full URL with " + names.where(Setting.ENDPOINT) + ".");
            return null;
        }
        return regionValid ? regional("dayu-dlf") : null;
    }

    Optional<URI> iam() {
        String explicit = RawValues.blank(raw.iamEndpoint);
        if (explicit != null) {
            return Optional.ofNullable(ServiceUrls.parse(
                    explicit,
                    "IAM endpoint",
                    names.where(Setting.IAM_ENDPOINT),
                    "https://iam.cn-north-4.myhuaweicloud.com",
                    false,
                    problems));
        }
        return region != null && regionValid && ServiceUrls.clientAccepts(regional("iam"))
                ? Optional.of(regional("iam"))
                : Optional.empty();
    }

    URI metadata() {
        return ServiceUrls.parse(
                Objects.requireNonNullElse(RawValues.blank(raw.metadataUrl), Defaults.METADATA_URL),
                "Metadata URL",
                names.where(Setting.METADATA_URL),
                Defaults.METADATA_URL,
                true,
                problems);
    }
}
