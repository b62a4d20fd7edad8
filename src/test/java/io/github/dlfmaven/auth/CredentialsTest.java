package io.github.dlfmaven.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    @Test
    void toStringShowsWhereNotWhat() {
        Credentials credentials = Credentials.temporary("AKVALUE", "SKVALUE", "TOKENVALUE", "environment");

        assertEquals(
                "Credentials[source=environment, accessKey=****, secretKey=****, securityToken=****]",
                credentials.toString());
    }

    @Test
    void aTrailingNewlineFromACiSecretIsTrimmed() {
        Credentials credentials = Credentials.temporary(" AK\n", "SK\r\n", "TOKEN\n", "ci");

        assertEquals("AK", credentials.accessKey());
        assertEquals("SK", credentials.secretKey());
        assertEquals(Optional.of("TOKEN"), credentials.securityToken());
    }

    @Test
    void aControlCharacterInsideIsRefusedWithoutQuotingTheSecret() {
        CredentialsException e = assertThrows(
                CredentialsException.class,
                () -> Credentials.temporary("AK", "SK", "TOP\nSECRETTOKEN", "environment (HUAWEICLOUD_SDK_AK)"));

        assertEquals(
                "The security token from environment (HUAWEICLOUD_SDK_AK) contains spaces, control characters or"
                        + " non-ASCII characters; check how the secret is stored.",
                e.getMessage());
        assertFalse(e.getMessage().contains("SECRET"));
    }

    @Test
    void environmentNeedsBothHalvesOfTheKeyPair() {
        assertEquals(Optional.empty(), EnvironmentCredentials.from(Map.of()));
        CredentialsException e = assertThrows(
                CredentialsException.class, () -> EnvironmentCredentials.from(Map.of("HUAWEICLOUD_SDK_AK", "AK")));
        assertTrue(
                e.getMessage().startsWith("HUAWEICLOUD_SDK_AK is set but HUAWEICLOUD_SDK_SK is not"), e.getMessage());
        assertEquals(
                "AK",
                EnvironmentCredentials.from(Map.of("HUAWEICLOUD_SDK_AK", "AK", "HUAWEICLOUD_SDK_SK", "SK\n"))
                        .orElseThrow()
                        .accessKey());
    }
}
