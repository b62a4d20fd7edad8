package io.github.dlfmaven.maven;

import io.github.dlfmaven.config.Setting;
import io.github.dlfmaven.config.SettingNames;

/** Settings as a Maven user sets them: a pom element or a user property. */
public final class MavenSettingNames implements SettingNames {

    public static final MavenSettingNames INSTANCE = new MavenSettingNames();

    private MavenSettingNames() {}

    @Override
    public String where(Setting setting) {
        return "<" + setting.parameter() + "> or -D" + UserProperties.of(setting);
    }

    @Override
    public String name(Setting setting) {
        return setting.parameter() + " (-D" + UserProperties.of(setting) + ")";
    }

    @Override
    public String assignment(Setting setting, String value) {
        return "-D" + UserProperties.of(setting) + "=" + value;
    }
}
