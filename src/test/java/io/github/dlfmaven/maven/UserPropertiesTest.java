package io.github.dlfmaven.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dlfmaven.config.Setting;
import org.junit.jupiter.api.Test;

/** Each setting of the core has its user property, spelled the one way the goals' annotations spell it. */
class UserPropertiesTest {

    @Test
    void everySettingHasTheConstantTheAnnotationsUse() throws Exception {
        for (Setting setting : Setting.values()) {
            Object constant =
                    UserProperties.class.getDeclaredField(setting.name()).get(null);

            assertEquals(UserProperties.of(setting), constant, setting.name());
        }
    }

    @Test
    void mavenSpellsASettingAsAnElementOrAUserProperty() {
        assertEquals("<threads> or -Ddlf.threads", MavenSettingNames.INSTANCE.where(Setting.THREADS));
        assertEquals("readTimeout (-Ddlf.readTimeout)", MavenSettingNames.INSTANCE.name(Setting.READ_TIMEOUT));
        assertEquals("-Ddlf.skip=true", MavenSettingNames.INSTANCE.assignment(Setting.SKIP, "true"));
    }
}
