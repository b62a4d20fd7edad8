package io.github.dlfmaven.config;

/**
 * How the front end spells a setting in advice, so that the core never writes a front end's syntax: the Maven
 * goals name the pom element and the user property, another front end would say something else.
 */
public interface SettingNames {

    /** Parameter names only, for use outside Maven (and in tests of the core). */
    SettingNames PLAIN = new SettingNames() {
        @Override
        public String where(Setting setting) {
            return setting.parameter();
        }

        @Override
        public String name(Setting setting) {
            return setting.parameter();
        }

        @Override
        public String assignment(Setting setting, String value) {
            return setting.parameter() + "=" + value;
        }
    };

    /** Where to set it, for a sentence such as "set it with ...": for Maven, the pom element and the user property. */
    String where(Setting setting);

    /** The setting mentioned in passing: its name, and for Maven its user property. */
    String name(Setting setting);

    /** The setting set to a value, as a user would type it on the command line. */
    String assignment(Setting setting, String value);
}
