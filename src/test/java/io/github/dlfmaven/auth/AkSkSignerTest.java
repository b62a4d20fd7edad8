package io.github.dlfmaven.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The test vectors of the API doc (section 7b), computed there with the official SDK 3.1.150. */
class AkSkSignerTest {

    static final String AK = "HPUAEXAMPLEAK00000001";
    static final String SK = "exampleSecretKey0000000000000000000000000";
    static final String HOST = "dayu-dlf.cn-north-4.myhuaweicloud.com";
    static final String PROJECT = "0833a5737480d53b2f25c010dc1a7b88";
    static final String BODY = "{\"exportDepend\":true,\"exportStatus\":\"DEVELOP\"}";
    static final String SIGNED = "host;workspace;x-project-id;x-sdk-date";

    private final AkSkSigner signer = new AkSkSigner();

    static Stream<Arguments> exportVectors() {
        return Stream.of(
                Arguments.of("V1", "myJob", BODY, "9485d7634d85402796593f6e46c49db156c1f7805341be632583e152ab2b9cef"),
                Arguments.of(
                        "V2", "daily load", BODY, "950f8df9cf6fc9b7866cb4374726aa2e8d0db02e0e03b0816ebb3f7423593501"),
                Arguments.of("V4", "作业1", BODY, "5471b19831eed3564b827155635db395359dd2b5162f7f10603f19327e61b3e7"),
                Arguments.of(
                        "V5b", "a(b)~c*d+e", BODY, "f6168b7a7b08fbbcd39db6748f0e7754d6b037264b0153582bde707d2efe579f"),
                Arguments.of("V9", "myJob", "", "0b248f074f17db4fb0ed7f42f07d531d7b564cf201c2da34238924a13a12babb"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("exportVectors")
    void signsExportRequestsLikeTheOfficialSdk(String vector, String job, String body, String signature) {
        SignableRequest request = new SignableRequest(
                "POST",
                List.of("v1", PROJECT, "jobs", job, "export"),
                List.of(),
                commonHeaders(),
                body.getBytes(StandardCharsets.UTF_8));

        assertEquals(
                "SDK-HMAC-SHA256 Access=" + AK + ", SignedHeaders=" + SIGNED + ", Signature=" + signature,
                signer.authorization(request, Credentials.of(AK, SK, "test")),
                vector);
    }

    @Test
    void signsListRequestWithEncodedSortedQuery() {
        SignableRequest request = new SignableRequest(
                "GET",
                List.of("v1", PROJECT, "jobs"),
                List.of(Map.entry("limit", "100"), Map.entry("offset", "0"), Map.entry("jobName", "作业 1")),
                commonHeaders(),
                new byte[0]);

        assertEquals(
                "SDK-HMAC-SHA256 Access=" + AK + ", SignedHeaders=" + SIGNED
                        + ", Signature=ec2651cd30c3967731939daf0f1034dcaeb487187dabedc42f4377dc5e64e8e0",
                signer.authorization(request, Credentials.of(AK, SK, "test")));
    }

    @Test
    void contentTypeIsNotSigned() {
        Map<String, String> headers = commonHeaders();
        headers.put("Content-Type", "application/json;charset=UTF-8");
        SignableRequest request = new SignableRequest(
                "POST",
                List.of("v1", PROJECT, "jobs", "batch-export"),
                List.of(),
                headers,
                "{\"jobList\":[\"myJob\",\"daily load\"],\"exportDepend\":true}".getBytes(StandardCharsets.UTF_8));

        assertEquals(
                "SDK-HMAC-SHA256 Access=" + AK + ", SignedHeaders=" + SIGNED
                        + ", Signature=81b796955076d12982d4279bb4ff520da958f6487d6dd665cd9723195c0c6872",
                signer.authorization(request, Credentials.of(AK, SK, "test")),
                "V10");
    }

    @Test
    void securityTokenHeaderIsSigned() {
        Map<String, String> headers = commonHeaders();
        headers.put("X-Security-Token", "exampleSecurityToken");
        SignableRequest request = new SignableRequest(
                "POST",
                List.of("v1", PROJECT, "jobs", "myJob", "export"),
                List.of(),
                headers,
                BODY.getBytes(StandardCharsets.UTF_8));

        assertEquals(
                "SDK-HMAC-SHA256 Access=" + AK + ", SignedHeaders=" + SIGNED + ";x-security-token"
                        + ", Signature=3edc7713ca9d75b9a8483c921c2ba369232d24270f80432e024f2150af16b161",
                signer.authorization(request, Credentials.temporary(AK, SK, "exampleSecurityToken", "test")),
                "V11");
    }

    @Test
    void aDifferentSecretKeyGivesADifferentSignature() {
        SignableRequest request = new SignableRequest(
                "POST",
                List.of("v1", PROJECT, "jobs", "myJob", "export"),
                List.of(),
                commonHeaders(),
                BODY.getBytes(StandardCharsets.UTF_8));

        assertFalse(signer.authorization(request, Credentials.of(AK, SK + "x", "test"))
                .endsWith("9485d7634d85402796593f6e46c49db156c1f7805341be632583e152ab2b9cef"));
    }

    @Test
    void canonicalUriFollowsTheSdk() {
        assertEquals("/", AkSkSigner.canonicalUri(List.of("")));
        assertEquals("/", AkSkSigner.canonicalUri(List.of()));
        assertEquals(
                "/v1/p/jobs/daily%20load/export/",
                AkSkSigner.canonicalUri(List.of("v1", "p", "jobs", "daily load", "export")));
        // A trailing slash is dropped by the SDK's String.split; an inner empty segment is kept.
        assertEquals("/a/b/", AkSkSigner.canonicalUri(List.of("a", "b", "")));
        assertEquals("/a//b/", AkSkSigner.canonicalUri(List.of("a", "", "b")));
        // An already encoded name is encoded again, as the gateway does when it decodes the wire path once.
        assertEquals("/daily%2520load/", AkSkSigner.canonicalUri(List.of("daily%20load")));
    }

    @Test
    void encodesStrictlyLikeRfc3986() {
        assertEquals("AZaz09-._~%20%21%2A%27%28%29%2F%3A%E4%BD%9C", AkSkSigner.encode("AZaz09-._~ !*'()/:作"));
    }

    @Test
    void signsOverExactlyTheHeadersItIsGivenAsAVerifierMust() {
        // Huawei's Python SDK signs every header it sends, Content-Type and User-Agent too.
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", HOST);
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "huaweicloud-usdk-python/3.0");
        headers.put("X-Project-Id", PROJECT);
        headers.put("X-Sdk-Date", "20261128T101500Z");
        SignableRequest request = new SignableRequest(
                "POST",
                List.of("v1", PROJECT, "jobs", "myJob", "export"),
                List.of(),
                headers,
                BODY.getBytes(StandardCharsets.UTF_8));
        List<String> python = List.of("content-type", "host", "user-agent", "x-project-id", "x-sdk-date");

        assertEquals(
                "SDK-HMAC-SHA256 Access=" + AK + ", SignedHeaders=" + String.join(";", python)
                        + ", Signature=a584a5e67d374eee6aafa715421ee6436c74d54655c5e92d30f5b5ba99c6fed6",
                signer.authorization(request, python, Credentials.of(AK, SK, "test")));
        // Given the Java SDK's choice, the same request signs as V1 does without its User-Agent.
        headers.remove("User-Agent");
        headers.put("workspace", "1c1f4b2e");
        assertEquals(
                "SDK-HMAC-SHA256 Access=" + AK + ", SignedHeaders=" + SIGNED
                        + ", Signature=9485d7634d85402796593f6e46c49db156c1f7805341be632583e152ab2b9cef",
                signer.authorization(
                        new SignableRequest(
                                "POST",
                                List.of("v1", PROJECT, "jobs", "myJob", "export"),
                                List.of(),
                                headers,
                                BODY.getBytes(StandardCharsets.UTF_8)),
                        List.of(SIGNED.split(";")),
                        Credentials.of(AK, SK, "test")));
    }

    @Test
    void aHeaderToSignThatTheRequestLacksOrALeftOutHostOrDateIsRefused() {
        SignableRequest request = new SignableRequest("GET", List.of(), List.of(), commonHeaders(), null);
        Credentials credentials = Credentials.of(AK, SK, "test");

        assertThrows(
                IllegalArgumentException.class,
                () -> signer.authorization(request, List.of("host", "user-agent", "x-sdk-date"), credentials));
        assertThrows(
                IllegalArgumentException.class,
                () -> signer.authorization(request, List.of("workspace", "x-sdk-date"), credentials));
        assertThrows(
                IllegalArgumentException.class,
                () -> signer.authorization(request, List.of("host", "workspace"), credentials));
    }

    @Test
    void refusesRequestsWithoutHostOrDate() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Sdk-Date", "20261128T101500Z");
        SignableRequest request = new SignableRequest("GET", List.of(), List.of(), headers, null);

        assertThrows(
                IllegalArgumentException.class, () -> signer.authorization(request, Credentials.of(AK, SK, "test")));
    }

    private static Map<String, String> commonHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", HOST);
        headers.put("Content-Type", "application/json");
        headers.put("workspace", "1c1f4b2e");
        headers.put("X-Project-Id", PROJECT);
        headers.put("X-Sdk-Date", "20261128T101500Z");
        return headers;
    }
}
